/* Settings rows and the staff PIN. */
#include "store/settings.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int gb_settings_get(gb_store *st, const char *name, void *value, size_t size, size_t *len, gb_err *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM settings WHERE name = ?1", -1, &q, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "settings");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    int out = 1;
    if (rc == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(q, 0);
        if (n > size) {
            gb_err_set(err, "setting %s: %zu bytes, more than the %zu expected", name, n, size);
            out = -1;
        } else {
            memcpy(value, sqlite3_column_blob(q, 0), n);
            if (len)
                *len = n;
            out = 0;
        }
    } else if (rc != SQLITE_DONE) {
        out = gb_store_fail(st, err, "settings");
    }
    sqlite3_finalize(q);
    return out;
}

int gb_settings_set(gb_store *st, const char *name, const void *value, size_t len, gb_err *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO settings (name, value, updated_at) VALUES (?1, ?2, ?3) "
                           "ON CONFLICT(name) DO UPDATE SET value = ?2, updated_at = ?3",
                           -1, &q, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "settings");
    char now[21];
    gb_store_now(now);
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 2, value, (int)len, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return gb_store_fail(st, err, "settings");
    return 0;
}

int gb_settings_delete(gb_store *st, const char *name, gb_err *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "DELETE FROM settings WHERE name = ?1", -1, &q, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "settings");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : gb_store_fail(st, err, "settings");
}

int gb_settings_kiosk_key(gb_store *st, unsigned char key[32], gb_err *err)
{
    size_t len = 0;
    int rc = gb_settings_get(st, "kiosk_key", key, 32, &len, err);
    if (rc == 0 && len == 32)
        return 0;
    if (rc < 0)
        return -1;
    randombytes_buf(key, 32);
    return gb_settings_set(st, "kiosk_key", key, 32, err);
}

int gb_settings_pin_set(gb_store *st, const char *pin, int min_len, gb_err *err)
{
    size_t n = strlen(pin);
    if ((int)n < min_len || n > 32) {
        gb_err_set(err, "the PIN must have %d to 32 digits", min_len);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9') {
            gb_err_set(err, "the PIN must be digits only (the kiosk has a numeric keypad)");
            return -1;
        }
    char hash[crypto_pwhash_STRBYTES];
    if (sodium_init() < 0) {
        gb_err_set(err, "libsodium could not start");
        return -1;
    }
    if (crypto_pwhash_str(hash, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        gb_err_set(err, "hashing the PIN ran out of memory");
        return -1;
    }
    /* A new PIN (set on the machine itself) also ends a lockout and the
     * count of wrong PINs. */
    long zero = 0;
    if (gb_store_begin(st, err) < 0)
        return -1;
    if (gb_settings_set(st, "staff_pin", hash, strlen(hash), err) < 0 ||
        gb_settings_set(st, "pin_failures", &zero, sizeof zero, err) < 0 ||
        gb_settings_set(st, "pin_locked_until", &zero, sizeof zero, err) < 0) {
        gb_store_rollback(st);
        return -1;
    }
    return gb_store_commit(st, err);
}

/* A long counter row; 0 when missing or of another size. */
static int get_long(gb_store *st, const char *name, long *v, gb_err *err)
{
    size_t len = 0;
    *v = 0;
    int rc = gb_settings_get(st, name, v, sizeof *v, &len, err);
    if (rc == 0 && len != sizeof *v)
        *v = 0;
    return rc < 0 ? -1 : 0;
}

gb_pin_result gb_settings_pin_check(gb_store *st, const char *pin, int max_attempts, int lockout_s, long *wait_s,
                                    gb_err *err)
{
    char hash[crypto_pwhash_STRBYTES + 1] = {0};
    size_t len = 0;
    *wait_s = 0;
    if (sodium_init() < 0) {
        gb_err_set(err, "libsodium could not start");
        return GB_PIN_ERROR;
    }
    if (max_attempts < 1)
        max_attempts = 1;
    /* Read, judge and count in one write transaction: a counter that could
     * not be written must not give a free try (fail closed), and two
     * processes on one store cannot both use the same attempt. */
    if (gb_store_begin(st, err) < 0)
        return GB_PIN_ERROR;
    gb_pin_result out = GB_PIN_ERROR;
    int rc = gb_settings_get(st, "staff_pin", hash, crypto_pwhash_STRBYTES, &len, err);
    if (rc != 0) {
        out = rc > 0 ? GB_PIN_UNSET : GB_PIN_ERROR;
        goto done;
    }
    hash[len] = 0;
    long failures = 0, locked_until = 0;
    if (get_long(st, "pin_failures", &failures, err) < 0 || get_long(st, "pin_locked_until", &locked_until, err) < 0)
        goto done;
    long now = (long)time(NULL);
    if (locked_until > now + lockout_s) {
        /* the clock went back after the lockout began: never more than
         * lockout_s from now */
        locked_until = now + lockout_s;
        if (gb_settings_set(st, "pin_locked_until", &locked_until, sizeof locked_until, err) < 0)
            goto done;
    }
    if (locked_until > now) {
        *wait_s = locked_until - now;
        out = GB_PIN_LOCKED;
        goto done;
    }
    if (crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        failures = 0;
        if (gb_settings_set(st, "pin_failures", &failures, sizeof failures, err) < 0)
            goto done;
        out = GB_PIN_OK;
        goto done;
    }
    failures++;
    out = GB_PIN_WRONG;
    if (failures >= max_attempts) {
        /* the counter restarts after the lockout, so each lockout needs
         * max_attempts new wrong PINs; counted from now, after the slow
         * hash, so the lockout is never shorter than lockout_s */
        now = (long)time(NULL);
        locked_until = now + lockout_s;
        failures = 0;
        if (gb_settings_set(st, "pin_locked_until", &locked_until, sizeof locked_until, err) < 0)
            goto done;
        *wait_s = lockout_s;
        out = GB_PIN_LOCKED;
    }
    if (gb_settings_set(st, "pin_failures", &failures, sizeof failures, err) < 0)
        out = GB_PIN_ERROR;
done:
    sodium_memzero(hash, sizeof hash);
    if (out == GB_PIN_ERROR) {
        gb_store_rollback(st);
        *wait_s = 0;
        return GB_PIN_ERROR;
    }
    if (gb_store_commit(st, err) < 0) {
        *wait_s = 0;
        return GB_PIN_ERROR;
    }
    return out;
}
