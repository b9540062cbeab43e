/* The V4L2 backend's system-call layer. Every call the webcam backend makes
 * to the kernel goes through one of these pointers, so the tests and the
 * live-view bench can put a fake UVC webcam behind it (MJPEG buffers,
 * EAGAIN, ENOSPC on STREAMON, unplugging mid-stream) without hardware or
 * LD_PRELOAD tricks. The functions behave like the system calls they are
 * named after: -1 (MAP_FAILED for mmap) with errno set on failure. */
#ifndef GB_CAMERA_CAM_V4L2_H
#define GB_CAMERA_CAM_V4L2_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct gb_v4l2_sys {
    void *ctx; /* passed back as the first argument */
    int (*open)(void *ctx, const char *path, int flags);
    int (*close)(void *ctx, int fd);
    int (*ioctl)(void *ctx, int fd, unsigned long request, void *arg);
    void *(*mmap)(void *ctx, size_t len, int prot, int flags, int fd, off_t offset);
    int (*munmap)(void *ctx, void *addr, size_t len);
    int (*poll)(void *ctx, struct pollfd *fds, nfds_t nfds, int timeout_ms);
    ssize_t (*read)(void *ctx, int fd, void *buf, size_t len);
    /* The device nodes to try, in order (/dev/video0, /dev/video1, ...);
     * returns how many it wrote, at most max. */
    int (*scan)(void *ctx, char (*paths)[64], int max);
} gb_v4l2_sys;

/* The kernel's own calls. */
extern const gb_v4l2_sys gb_v4l2_sys_real;

/* Puts sys behind every V4L2 device opened or listed from now on (NULL: the
 * real calls again). For tests and benches; call it while no V4L2 camera
 * is being opened. */
void gb_v4l2_set_sys(const gb_v4l2_sys *sys);

#endif
