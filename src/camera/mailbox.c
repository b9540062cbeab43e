#include "camera/mailbox.h"

#include <errno.h>
#include <string.h>
#include <time.h>

int gb_mailbox_init(gb_mailbox *mb)
{
    memset(mb, 0, sizeof *mb);
    pthread_condattr_t ca;
    if (pthread_condattr_init(&ca) != 0)
        return -1;
    /* Timed waits on the monotonic clock: a wall-clock change (NTP at boot,
     * staff setting the date) must not stretch or cut a wait. */
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    int rc = pthread_cond_init(&mb->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (rc != 0)
        return -1;
    if (pthread_mutex_init(&mb->mu, NULL) != 0) {
        pthread_cond_destroy(&mb->cv);
        return -1;
    }
    return 0;
}

void gb_mailbox_destroy(gb_mailbox *mb)
{
    if (mb->frame)
        mb->dropped++;
    gb_image_free(mb->frame);
    mb->frame = NULL;
    for (int i = 0; i < GB_MAILBOX_SPARES; i++) {
        gb_image_free(mb->spare[i]);
        mb->spare[i] = NULL;
    }
    pthread_mutex_destroy(&mb->mu);
    pthread_cond_destroy(&mb->cv);
}

/* Keeps img as a spare when there is room; returns what could not be kept. */
static gb_image *keep_spare(gb_mailbox *mb, gb_image *img)
{
    for (int i = 0; img && i < GB_MAILBOX_SPARES; i++) {
        if (!mb->spare[i]) {
            mb->spare[i] = img;
            return NULL;
        }
    }
    return img;
}

uint64_t gb_mailbox_put(gb_mailbox *mb, gb_image *img)
{
    pthread_mutex_lock(&mb->mu);
    gb_image *old = mb->frame;
    mb->frame = img;
    uint64_t seq = ++mb->seq;
    mb->published++;
    if (old) {
        mb->dropped++;
        old = keep_spare(mb, old);
    }
    pthread_cond_broadcast(&mb->cv);
    pthread_mutex_unlock(&mb->mu);
    gb_image_free(old); /* outside the lock: freeing megabytes can take a while */
    return seq;
}

static void deadline_after(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

gb_image *gb_mailbox_take(gb_mailbox *mb, uint64_t *seq, int timeout_ms)
{
    struct timespec deadline;
    if (timeout_ms > 0)
        deadline_after(&deadline, timeout_ms);
    pthread_mutex_lock(&mb->mu);
    gb_image *img = NULL;
    for (;;) {
        if (mb->frame && mb->seq > *seq) {
            img = mb->frame;
            mb->frame = NULL;
            *seq = mb->seq;
            mb->taken++;
            break;
        }
        if (mb->closed || timeout_ms <= 0)
            break;
        if (pthread_cond_timedwait(&mb->cv, &mb->mu, &deadline) == ETIMEDOUT) {
            timeout_ms = 0; /* one last look, then give up */
        }
    }
    pthread_mutex_unlock(&mb->mu);
    return img;
}

void gb_mailbox_recycle(gb_mailbox *mb, gb_image *img)
{
    if (!img)
        return;
    pthread_mutex_lock(&mb->mu);
    img = keep_spare(mb, img);
    pthread_mutex_unlock(&mb->mu);
    gb_image_free(img);
}

gb_image *gb_mailbox_spare(gb_mailbox *mb)
{
    pthread_mutex_lock(&mb->mu);
    gb_image *img = NULL;
    for (int i = 0; i < GB_MAILBOX_SPARES && !img; i++) {
        if (mb->spare[i]) {
            img = mb->spare[i];
            mb->spare[i] = NULL;
        }
    }
    pthread_mutex_unlock(&mb->mu);
    return img;
}

void gb_mailbox_clear(gb_mailbox *mb)
{
    pthread_mutex_lock(&mb->mu);
    gb_image *old = mb->frame;
    mb->frame = NULL;
    if (old) {
        mb->dropped++;
        old = keep_spare(mb, old);
    }
    pthread_mutex_unlock(&mb->mu);
    gb_image_free(old);
}

void gb_mailbox_close(gb_mailbox *mb)
{
    pthread_mutex_lock(&mb->mu);
    mb->closed = 1;
    pthread_cond_broadcast(&mb->cv);
    pthread_mutex_unlock(&mb->mu);
}

void gb_mailbox_counts_get(gb_mailbox *mb, gb_mailbox_counts *out)
{
    pthread_mutex_lock(&mb->mu);
    out->published = mb->published;
    out->taken = mb->taken;
    out->dropped = mb->dropped;
    out->pending = mb->frame != NULL;
    pthread_mutex_unlock(&mb->mu);
}
