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
    if (crypto_pwhash_str(hash, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        gb_err_set(err, "hashing the PIN ran out of memory");
        return -1;
    }
    if (gb_settings_set(st, "staff_pin", hash, strlen(hash), err) < 0)
        return -1;
    long zero = 0;
    gb_settings_set(st, "pin_failures", &zero, sizeof zero, NULL);
    return 0;
}

gb_pin_result gb_settings_pin_check(gb_store *st, const char *pin, int max_attempts, int lockout_s, long *wait_s,
                                    gb_err *err)
{
    char hash[crypto_pwhash_STRBYTES + 1] = {0};
    size_t len = 0;
    *wait_s = 0;
    int rc = gb_settings_get(st, "staff_pin", hash, crypto_pwhash_STRBYTES, &len, err);
    if (rc != 0)
        return GB_PIN_UNSET;
    hash[len] = 0;
    long failures = 0, locked_until = 0;
    gb_settings_get(st, "pin_failures", &failures, sizeof failures, NULL, NULL);
    gb_settings_get(st, "pin_locked_until", &locked_until, sizeof locked_until, NULL, NULL);
    long now = (long)time(NULL);
    if (locked_until > now) {
        *wait_s = locked_until - now;
        return GB_PIN_LOCKED;
    }
    if (crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0) {
        failures = 0;
        gb_settings_set(st, "pin_failures", &failures, sizeof failures, NULL);
        return GB_PIN_OK;
    }
    failures++;
    if (failures >= max_attempts) {
        /* the counter restarts after the lockout, so each lockout needs
         * max_attempts new wrong PINs */
        locked_until = now + lockout_s;
        failures = 0;
        gb_settings_set(st, "pin_locked_until", &locked_until, sizeof locked_until, NULL);
        *wait_s = lockout_s;
        gb_settings_set(st, "pin_failures", &failures, sizeof failures, NULL);
        return GB_PIN_LOCKED;
    }
    gb_settings_set(st, "pin_failures", &failures, sizeof failures, NULL);
    return GB_PIN_WRONG;
}
