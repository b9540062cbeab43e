/* The staff PIN in the settings table: argon2id hash only, right and wrong
 * PINs, the lockout after [staff] pin_max_attempts wrong PINs in a row
 * (even the right PIN refused while locked), the lockout surviving a
 * reopen of the store, its end, and set-pin. */
#include "testutil.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"
#include "store/settings.h"

#define PIN "246810"
#define MAX 3
#define LOCK 300

typedef struct {
    char *dir;
    gb_store *st;
} fixture;

static gb_store *open_store(const char *dir)
{
    gb_err err;
    gb_store *st = gb_store_open(dir, "K07", 2000, &err);
    if (!st)
        fail_msg("open: %s", err.msg);
    return st;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = tu_mkdtemp();
    f->st = open_store(f->dir);
    gb_err err;
    if (gb_settings_pin_set(f->st, PIN, 6, &err) < 0)
        fail_msg("pin_set: %s", err.msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gb_store_close(f->st);
    tu_rmdir(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static gb_pin_result check(gb_store *st, const char *pin, long *wait)
{
    long w = -1;
    gb_err err = {0};
    gb_pin_result r = gb_settings_pin_check(st, pin, MAX, LOCK, &w, &err);
    if (wait)
        *wait = w;
    return r;
}

static void test_unset(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    gb_store *st = open_store(dir);
    assert_int_equal(check(st, PIN, NULL), GB_PIN_UNSET);
    gb_store_close(st);
    tu_rmdir(dir);
    free(dir);
}

static void test_set_refuses_bad_pins(void **state)
{
    fixture *f = *state;
    gb_err err;
    assert_int_equal(gb_settings_pin_set(f->st, "12345", 6, &err), -1);
    assert_non_null(strstr(err.msg, "6 to 32"));
    assert_int_equal(gb_settings_pin_set(f->st, "12345a", 6, &err), -1);
    assert_non_null(strstr(err.msg, "digits"));
    assert_int_equal(gb_settings_pin_set(f->st, "123456789012345678901234567890123", 6, &err), -1);
    /* the old PIN still works */
    assert_int_equal(check(f->st, PIN, NULL), GB_PIN_OK);
}

static void test_right_and_wrong(void **state)
{
    fixture *f = *state;
    long wait = -1;
    assert_int_equal(check(f->st, PIN, &wait), GB_PIN_OK);
    assert_int_equal(wait, 0);
    assert_int_equal(check(f->st, "246811", &wait), GB_PIN_WRONG);
    assert_int_equal(wait, 0);
    assert_int_equal(check(f->st, "", NULL), GB_PIN_WRONG);
    assert_int_equal(check(f->st, PIN, NULL), GB_PIN_OK);
    assert_int_equal(check(f->st, PIN "0", NULL), GB_PIN_WRONG); /* the PIN is not a prefix */
    assert_int_equal(check(f->st, "24681", NULL), GB_PIN_WRONG);
    /* a right PIN resets the count: MAX - 1 more wrong ones do not lock */
    assert_int_equal(check(f->st, PIN, NULL), GB_PIN_OK);
    for (int i = 0; i < MAX - 1; i++)
        assert_int_equal(check(f->st, "000000", NULL), GB_PIN_WRONG);
    assert_int_equal(check(f->st, PIN, NULL), GB_PIN_OK);
}

/* Only the argon2id hash is stored, and no row holds the PIN. */
static void test_stored_as_argon2id(void **state)
{
    fixture *f = *state;
    char hash[crypto_pwhash_STRBYTES + 1] = {0};
    size_t len = 0;
    gb_err err;
    assert_int_equal(gb_settings_get(f->st, "staff_pin", hash, crypto_pwhash_STRBYTES, &len, &err), 0);
    assert_true(len > 0 && len < sizeof hash);
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_null(strstr(hash, PIN));
    assert_int_equal(crypto_pwhash_str_verify(hash, PIN, strlen(PIN)), 0);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(f->st->db, "SELECT count(*) FROM settings WHERE instr(CAST(value AS TEXT), ?1) > 0",
                                        -1, &q, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(q, 1, PIN, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(q, 0), 0);
    sqlite3_finalize(q);
    /* setting it again makes a new salt: a different hash for the same PIN */
    char again[crypto_pwhash_STRBYTES + 1] = {0};
    assert_int_equal(gb_settings_pin_set(f->st, PIN, 6, &err), 0);
    assert_int_equal(gb_settings_get(f->st, "staff_pin", again, crypto_pwhash_STRBYTES, &len, &err), 0);
    assert_string_not_equal(hash, again);
}

static void lock_it(gb_store *st)
{
    long wait = -1;
    for (int i = 0; i < MAX - 1; i++) {
        assert_int_equal(check(st, "111111", &wait), GB_PIN_WRONG);
        assert_int_equal(wait, 0);
    }
    assert_int_equal(check(st, "111111", &wait), GB_PIN_LOCKED);
    assert_int_equal(wait, LOCK);
}

static void test_lockout(void **state)
{
    fixture *f = *state;
    lock_it(f->st);
    long wait = -1;
    /* the right PIN is refused while locked, and so is a wrong one */
    assert_int_equal(check(f->st, PIN, &wait), GB_PIN_LOCKED);
    assert_true(wait > LOCK - 5 && wait <= LOCK);
    assert_int_equal(check(f->st, "111111", &wait), GB_PIN_LOCKED);
    assert_true(wait > 0 && wait <= LOCK);
}

static void test_lockout_survives_reopen(void **state)
{
    fixture *f = *state;
    lock_it(f->st);
    gb_store_close(f->st);
    f->st = open_store(f->dir);
    long wait = -1;
    assert_int_equal(check(f->st, PIN, &wait), GB_PIN_LOCKED);
    assert_true(wait > LOCK - 5 && wait <= LOCK);
}

/* When the lockout ends the right PIN works, and it takes MAX new wrong
 * PINs to lock again. Time is moved by rewriting the stored deadline. */
static void test_lockout_ends(void **state)
{
    fixture *f = *state;
    lock_it(f->st);
    long past = (long)time(NULL) - 1;
    gb_err err;
    assert_int_equal(gb_settings_set(f->st, "pin_locked_until", &past, sizeof past, &err), 0);
    assert_int_equal(check(f->st, PIN, NULL), GB_PIN_OK);
    lock_it(f->st);
    assert_int_equal(gb_settings_set(f->st, "pin_locked_until", &past, sizeof past, &err), 0);
    for (int i = 0; i < MAX - 1; i++)
        assert_int_equal(check(f->st, "111111", NULL), GB_PIN_WRONG);
    assert_int_equal(check(f->st, PIN, NULL), GB_PIN_OK);
}

/* The same in real time with a two-second lockout (a second of it may
 * pass between the lock and the next check on a busy machine). */
static void test_lockout_ends_real_time(void **state)
{
    fixture *f = *state;
    long wait = -1;
    gb_err err;
    for (int i = 0; i < MAX - 1; i++)
        assert_int_equal(gb_settings_pin_check(f->st, "1", MAX, 2, &wait, &err), GB_PIN_WRONG);
    assert_int_equal(gb_settings_pin_check(f->st, "1", MAX, 2, &wait, &err), GB_PIN_LOCKED);
    assert_int_equal(wait, 2);
    assert_int_equal(gb_settings_pin_check(f->st, PIN, MAX, 2, &wait, &err), GB_PIN_LOCKED);
    assert_true(wait >= 1 && wait <= 2);
    sleep(3);
    assert_int_equal(gb_settings_pin_check(f->st, PIN, MAX, 2, &wait, &err), GB_PIN_OK);
}

/* A clock set back after a lockout must not lock the kiosk for longer than
 * pin_lockout_s. */
static void test_clock_back(void **state)
{
    fixture *f = *state;
    long far = (long)time(NULL) + 100L * LOCK;
    gb_err err;
    assert_int_equal(gb_settings_set(f->st, "pin_locked_until", &far, sizeof far, &err), 0);
    long wait = -1;
    assert_int_equal(check(f->st, PIN, &wait), GB_PIN_LOCKED);
    assert_true(wait > 0 && wait <= LOCK);
}

/* Setting a new PIN (gradbooth staff set-pin, which needs the machine)
 * ends a lockout and the count of wrong PINs. */
static void test_set_pin_unlocks(void **state)
{
    fixture *f = *state;
    lock_it(f->st);
    gb_err err;
    assert_int_equal(gb_settings_pin_set(f->st, "13579135", 6, &err), 0);
    assert_int_equal(check(f->st, PIN, NULL), GB_PIN_WRONG);
    assert_int_equal(check(f->st, "13579135", NULL), GB_PIN_OK);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unset),
        cmocka_unit_test_setup_teardown(test_set_refuses_bad_pins, setup, teardown),
        cmocka_unit_test_setup_teardown(test_right_and_wrong, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stored_as_argon2id, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout_survives_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout_ends, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout_ends_real_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clock_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_pin_unlocks, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
