/* The latest-frame mailbox between a camera's capture thread and its
 * consumers: a slow consumer always gets the newest frame, never an old one,
 * never one twice; the producer never waits for it; every frame is either
 * taken or counted as a drop. */
#include "testutil.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "camera/mailbox.h"

/* Frames carry their own number in their first pixels. */
static gb_image *numbered(uint64_t n, gb_image *reuse)
{
    gb_image *img = reuse ? reuse : gb_image_new(4, 4);
    memcpy(img->pixels, &n, sizeof n);
    return img;
}

static uint64_t number_of(const gb_image *img)
{
    uint64_t n;
    memcpy(&n, img->pixels, sizeof n);
    return n;
}

static void sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

typedef struct producer {
    gb_mailbox *mb;
    int count;
    int pause_us; /* between frames */
    atomic_uint_fast64_t published;
    atomic_int reused;    /* frames made in a recycled buffer */
    atomic_int bad_seq;   /* puts that returned another number than expected (no cmocka off the main thread) */
} producer;

static void *produce(void *arg)
{
    producer *p = arg;
    for (int i = 1; i <= p->count; i++) {
        gb_image *spare = gb_mailbox_spare(p->mb);
        if (spare)
            atomic_fetch_add(&p->reused, 1);
        if (gb_mailbox_put(p->mb, numbered((uint64_t)i, spare)) != (uint64_t)i)
            atomic_fetch_add(&p->bad_seq, 1);
        atomic_store(&p->published, (uint64_t)i);
        if (p->pause_us) {
            struct timespec t = {0, p->pause_us * 1000L};
            nanosleep(&t, NULL);
        }
    }
    return NULL;
}

static void test_slow_consumer_gets_newest_frame(void **state)
{
    (void)state;
    gb_mailbox mb;
    assert_int_equal(gb_mailbox_init(&mb), 0);
    producer p = {.mb = &mb, .count = 3000, .pause_us = 200};
    pthread_t t;
    pthread_create(&t, NULL, produce, &p);

    uint64_t seq = 0, last = 0, taken = 0;
    while (atomic_load(&p.published) < (uint64_t)p.count) {
        uint64_t before = atomic_load(&p.published);
        gb_image *img = gb_mailbox_take(&mb, &seq, 200);
        if (!img)
            continue;
        taken++;
        /* Never stale: at least as new as anything published before we asked. */
        if (seq < before)
            fail_msg("took frame %llu although frame %llu was already published",
                     (unsigned long long)seq, (unsigned long long)before);
        if (seq <= last)
            fail_msg("frame numbers went from %llu to %llu", (unsigned long long)last, (unsigned long long)seq);
        assert_int_equal(number_of(img), seq);
        last = seq;
        gb_mailbox_recycle(&mb, img);
        sleep_ms(5); /* a consumer 25 times slower than the camera */
    }
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&p.bad_seq), 0);
    gb_image *rest = gb_mailbox_take(&mb, &seq, 0);
    if (rest) {
        taken++;
        assert_int_equal(number_of(rest), (uint64_t)p.count);
        gb_image_free(rest);
    }

    gb_mailbox_counts c;
    gb_mailbox_counts_get(&mb, &c);
    assert_int_equal(c.published, (uint64_t)p.count);
    assert_int_equal(c.taken, taken);
    assert_int_equal(c.pending, 0);
    if (c.dropped != c.published - c.taken)
        fail_msg("drops %llu, expected published %llu - taken %llu", (unsigned long long)c.dropped,
                 (unsigned long long)c.published, (unsigned long long)c.taken);
    if (taken < 10 || c.dropped < 1000)
        fail_msg("a slow consumer took %llu and dropped %llu of %d: not the test we meant",
                 (unsigned long long)taken, (unsigned long long)c.dropped, p.count);
    /* Buffers went round: most frames were made in recycled or dropped buffers. */
    if (atomic_load(&p.reused) < p.count / 2)
        fail_msg("only %d of %d frames reused a buffer", atomic_load(&p.reused), p.count);
    gb_mailbox_destroy(&mb);
}

static void test_take_waits_then_times_out(void **state)
{
    (void)state;
    gb_mailbox mb;
    gb_mailbox_init(&mb);
    uint64_t seq = 0;
    assert_null(gb_mailbox_take(&mb, &seq, 0));
    assert_null(gb_mailbox_take(&mb, &seq, 30));
    assert_int_equal(seq, 0);
    gb_mailbox_put(&mb, numbered(1, NULL));
    gb_image *img = gb_mailbox_take(&mb, &seq, 30);
    assert_non_null(img);
    assert_int_equal(seq, 1);
    /* The same frame is never handed out twice. */
    assert_null(gb_mailbox_take(&mb, &seq, 10));
    gb_image_free(img);
    gb_mailbox_destroy(&mb);
}

static void test_overwritten_frames_are_drops(void **state)
{
    (void)state;
    gb_mailbox mb;
    gb_mailbox_init(&mb);
    for (uint64_t i = 1; i <= 5; i++)
        gb_mailbox_put(&mb, numbered(i, NULL));
    uint64_t seq = 0;
    gb_image *img = gb_mailbox_take(&mb, &seq, 0);
    assert_non_null(img);
    assert_int_equal(number_of(img), 5);
    assert_int_equal(seq, 5);
    gb_image_free(img);
    gb_mailbox_put(&mb, numbered(6, NULL));
    gb_mailbox_counts c;
    gb_mailbox_counts_get(&mb, &c);
    assert_int_equal(c.published, 6);
    assert_int_equal(c.taken, 1);
    assert_int_equal(c.dropped, 4);
    assert_int_equal(c.pending, 1);
    gb_mailbox_destroy(&mb); /* frees frame 6 and the kept spares (checked by ASan) */
}

static void *close_later(void *arg)
{
    sleep_ms(50);
    gb_mailbox_close(arg);
    return NULL;
}

static void test_close_wakes_a_waiting_consumer(void **state)
{
    (void)state;
    gb_mailbox mb;
    gb_mailbox_init(&mb);
    pthread_t t;
    pthread_create(&t, NULL, close_later, &mb);
    uint64_t seq = 0;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    assert_null(gb_mailbox_take(&mb, &seq, 5000));
    clock_gettime(CLOCK_MONOTONIC, &b);
    double waited = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    if (waited > 4.0)
        fail_msg("take waited %.1f s after close instead of returning", waited);
    pthread_join(t, NULL);
    gb_mailbox_destroy(&mb);
}

static void test_two_consumers_never_share_a_frame(void **state)
{
    (void)state;
    gb_mailbox mb;
    gb_mailbox_init(&mb);
    uint64_t a = 0, b = 0;
    gb_mailbox_put(&mb, numbered(1, NULL));
    gb_image *ia = gb_mailbox_take(&mb, &a, 0);
    gb_image *ib = gb_mailbox_take(&mb, &b, 0);
    assert_non_null(ia);
    assert_null(ib); /* frame 1 is gone; b waits for 2 */
    gb_mailbox_put(&mb, numbered(2, NULL));
    ib = gb_mailbox_take(&mb, &b, 0);
    assert_non_null(ib);
    assert_int_equal(b, 2);
    gb_image_free(ia);
    gb_image_free(ib);
    gb_mailbox_destroy(&mb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_slow_consumer_gets_newest_frame),
        cmocka_unit_test(test_take_waits_then_times_out),
        cmocka_unit_test(test_overwritten_frames_are_drops),
        cmocka_unit_test(test_close_wakes_a_waiting_consumer),
        cmocka_unit_test(test_two_consumers_never_share_a_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
