/* The camera backends, in the order backend=auto tries them: a DSLR first
 * (it makes the better photo), then a webcam. A new backend is one file
 * (cam_NAME.c) and one line here. */
#include "camera/cam_backend.h"

const gb_cam_backend *const gb_cam_backends[] = {
    &gb_cam_gphoto2,
    &gb_cam_v4l2,
    &gb_cam_file,
};
const size_t gb_cam_nbackends = sizeof gb_cam_backends / sizeof gb_cam_backends[0];
