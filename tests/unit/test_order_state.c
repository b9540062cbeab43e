/* The order life cycle table: every legal step for the right actor, and
 * illegal ones refused with a message that names the states. */
#include "testutil.h"

#include <string.h>

#include "core/order_state.h"

static void test_student_paid_happy_path(void **state)
{
    (void)state;
    const struct {
        gb_order_state from, to;
        gb_actor actor;
    } steps[] = {
        {GB_OS_VERIFIED, GB_OS_INFO_CONFIRMED, GB_ACTOR_STUDENT},
        {GB_OS_INFO_CONFIRMED, GB_OS_PHOTO_ACCEPTED, GB_ACTOR_STUDENT},
        {GB_OS_PHOTO_ACCEPTED, GB_OS_AWAITING_PAYMENT, GB_ACTOR_KIOSK},
        {GB_OS_AWAITING_PAYMENT, GB_OS_PAID, GB_ACTOR_KIOSK},
        {GB_OS_PAID, GB_OS_SUBMITTED, GB_ACTOR_KIOSK},
        {GB_OS_SUBMITTED, GB_OS_SYNCED, GB_ACTOR_SYNC},
        {GB_OS_SYNCED, GB_OS_REJECTED, GB_ACTOR_SYNC},
        {GB_OS_REJECTED, GB_OS_RETAKEN, GB_ACTOR_STUDENT},
        {GB_OS_RETAKEN, GB_OS_RESUBMITTED, GB_ACTOR_KIOSK},
        {GB_OS_RESUBMITTED, GB_OS_SYNCED, GB_ACTOR_SYNC},
        {GB_OS_SYNCED, GB_OS_APPROVED, GB_ACTOR_SYNC},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        gb_err err = {0};
        int rc = gb_order_can_move(steps[i].from, steps[i].to, steps[i].actor, GB_PAY_STUDENT, &err);
        if (rc != 0)
            fail_msg("step %zu %s -> %s refused: %s", i, gb_order_state_name(steps[i].from),
                     gb_order_state_name(steps[i].to), err.msg);
    }
    assert_true(gb_order_state_final(GB_OS_APPROVED));
    assert_true(gb_order_state_final(GB_OS_CANCELLED));
    assert_false(gb_order_state_final(GB_OS_REJECTED));
}

static void test_school_paid_skips_payment(void **state)
{
    (void)state;
    gb_err err;
    assert_int_equal(gb_order_can_move(GB_OS_PHOTO_ACCEPTED, GB_OS_SUBMITTED, GB_ACTOR_KIOSK,
                                       GB_PAY_SCHOOL, &err), 0);
    assert_int_equal(gb_order_can_move(GB_OS_PHOTO_ACCEPTED, GB_OS_AWAITING_PAYMENT, GB_ACTOR_KIOSK,
                                       GB_PAY_SCHOOL, &err), -1);
    assert_non_null(strstr(err.msg, "school-paid"));
    /* and a student-paid order cannot skip it */
    assert_int_equal(gb_order_can_move(GB_OS_PHOTO_ACCEPTED, GB_OS_SUBMITTED, GB_ACTOR_KIOSK,
                                       GB_PAY_STUDENT, &err), -1);
    assert_non_null(strstr(err.msg, "photo_accepted"));
    assert_non_null(strstr(err.msg, "submitted"));
}

static void test_refuses_illegal_jumps(void **state)
{
    (void)state;
    gb_err err;
    assert_int_equal(gb_order_can_move(GB_OS_VERIFIED, GB_OS_APPROVED, GB_ACTOR_SYNC, GB_PAY_STUDENT, &err), -1);
    assert_int_equal(gb_order_can_move(GB_OS_APPROVED, GB_OS_REJECTED, GB_ACTOR_SYNC, GB_PAY_STUDENT, &err), -1);
    assert_int_equal(gb_order_can_move(GB_OS_PAID, GB_OS_CANCELLED, GB_ACTOR_STAFF, GB_PAY_STUDENT, &err), -1);
    assert_int_equal(gb_order_can_move(GB_OS_SUBMITTED, GB_OS_VERIFIED, GB_ACTOR_KIOSK, GB_PAY_STUDENT, &err), -1);
    assert_string_equal(err.msg, "an order of a student-paid batch cannot go from submitted to verified");
}

static void test_refuses_wrong_actor(void **state)
{
    (void)state;
    gb_err err;
    /* Only the centre's review decides approval. */
    assert_int_equal(gb_order_can_move(GB_OS_SYNCED, GB_OS_APPROVED, GB_ACTOR_STAFF, GB_PAY_STUDENT, &err), -1);
    assert_string_equal(err.msg, "staff may not move an order from synced to approved");
    assert_int_equal(gb_order_can_move(GB_OS_AWAITING_PAYMENT, GB_OS_PAID, GB_ACTOR_STUDENT, GB_PAY_STUDENT, &err), -1);
}

static void test_every_state_reachable_and_named(void **state)
{
    (void)state;
    int reachable[GB_OS_COUNT] = {[GB_OS_VERIFIED] = 1};
    const gb_actor actors[] = {GB_ACTOR_STUDENT, GB_ACTOR_KIOSK, GB_ACTOR_STAFF, GB_ACTOR_SYNC};
    for (int round = 0; round < GB_OS_COUNT; round++)
        for (int f = 0; f < GB_OS_COUNT; f++)
            for (int t = 0; t < GB_OS_COUNT; t++)
                for (int a = 0; a < 4; a++)
                    for (int p = 0; p < 2; p++)
                        if (reachable[f] &&
                            gb_order_can_move((gb_order_state)f, (gb_order_state)t, actors[a],
                                              (gb_pay_mode)p, NULL) == 0)
                            reachable[t] = 1;
    for (int s = 0; s < GB_OS_COUNT; s++) {
        gb_order_state back;
        if (!reachable[s])
            fail_msg("state %s is unreachable", gb_order_state_name((gb_order_state)s));
        assert_int_equal(gb_order_state_parse(gb_order_state_name((gb_order_state)s), &back), 0);
        assert_int_equal(back, s);
    }
    gb_order_state x;
    assert_int_equal(gb_order_state_parse("shipped", &x), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_student_paid_happy_path),
        cmocka_unit_test(test_school_paid_skips_payment),
        cmocka_unit_test(test_refuses_illegal_jumps),
        cmocka_unit_test(test_refuses_wrong_actor),
        cmocka_unit_test(test_every_state_reachable_and_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
