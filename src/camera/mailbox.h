/* The latest-frame mailbox: one slot between a camera's capture thread and
 * whoever shows or analyses its frames.
 *
 * Why one slot and not a queue: live view must show what the camera sees
 * now. A queue lets a slow consumer fall further and further behind (the
 * laggy preview users of other photo-booth programs complain about); one slot
 * that the producer overwrites means the producer never waits and a consumer
 * always gets the newest frame. An overwritten frame is a drop, and counted.
 *
 * Frames change hands by pointer (no copy): put gives the image to the box,
 * take gives it to the consumer. Consumers may hand buffers back (recycle)
 * and the producer decodes into them (spare), which keeps multi-megabyte
 * allocations off the per-frame path. */
#ifndef GB_CAMERA_MAILBOX_H
#define GB_CAMERA_MAILBOX_H

#include <pthread.h>
#include <stdint.h>

#include "image/image.h"

#define GB_MAILBOX_SPARES 2 /* buffers kept for reuse: one being filled, one in flight */

typedef struct gb_mailbox {
    pthread_mutex_t mu;
    pthread_cond_t cv;   /* signalled on put and on close */
    gb_image *frame;     /* the newest frame nobody has taken yet, or NULL */
    uint64_t seq;        /* number of the newest frame put (1, 2, ...) */
    uint64_t published;  /* frames put */
    uint64_t taken;      /* frames taken by consumers */
    uint64_t dropped;    /* frames overwritten (or thrown away at close) before anyone took them */
    gb_image *spare[GB_MAILBOX_SPARES];
    int closed;          /* takers stop waiting */
} gb_mailbox;

typedef struct gb_mailbox_counts {
    uint64_t published, taken, dropped;
    int pending; /* 1 when a frame waits in the box */
} gb_mailbox_counts;

/* 0, or -1 when the mutex/condvar cannot be made. */
int gb_mailbox_init(gb_mailbox *mb);
/* Frees the waiting frame (counted as a drop) and the spares. */
void gb_mailbox_destroy(gb_mailbox *mb);

/* Puts img (the box owns it now) and returns its number. Never blocks on a
 * consumer: the mutex is held only to swap pointers. */
uint64_t gb_mailbox_put(gb_mailbox *mb, gb_image *img);

/* The waiting frame if its number is above *seq (the caller owns it, *seq
 * becomes its number); otherwise waits up to timeout_ms (<= 0: no wait) for
 * one. NULL on timeout or after gb_mailbox_close. */
gb_image *gb_mailbox_take(gb_mailbox *mb, uint64_t *seq, int timeout_ms);

/* A consumer gives a buffer back; kept as a spare, or freed when the spares
 * are full. NULL is ignored. */
void gb_mailbox_recycle(gb_mailbox *mb, gb_image *img);

/* A spare buffer for the producer to decode into, or NULL. */
gb_image *gb_mailbox_spare(gb_mailbox *mb);

/* Throws away the waiting frame, if any (counted as a drop): live view
 * stopped (a still, a lost device) and that frame no longer shows what the
 * camera sees. */
void gb_mailbox_clear(gb_mailbox *mb);

/* Wakes every taker and makes later takes return NULL at once. */
void gb_mailbox_close(gb_mailbox *mb);

void gb_mailbox_counts_get(gb_mailbox *mb, gb_mailbox_counts *out);

#endif
