/* Kiosk settings kept in the database (table settings, migration 2): the
 * staff PIN as an argon2id hash, the kiosk's key for signing pay-later
 * links, and the PIN lockout counters. */
#ifndef GB_STORE_SETTINGS_H
#define GB_STORE_SETTINGS_H

#include <stddef.h>

#include "store/db.h"

/* 0 found (value copied, *len set), 1 not found, -1 error. A value longer
 * than size is an error. */
int gb_settings_get(gb_store *st, const char *name, void *value, size_t size, size_t *len, gb_err *err);
int gb_settings_set(gb_store *st, const char *name, const void *value, size_t len, gb_err *err);
int gb_settings_delete(gb_store *st, const char *name, gb_err *err);

/* The kiosk's 32-byte signing key, made at random on first use. */
int gb_settings_kiosk_key(gb_store *st, unsigned char key[32], gb_err *err);

/* The staff PIN: stored as crypto_pwhash_str (argon2id, interactive
 * limits); the PIN itself is never stored. pin_set refuses PINs shorter
 * than min_len or with anything but digits. */
int gb_settings_pin_set(gb_store *st, const char *pin, int min_len, gb_err *err);

/* GB_PIN_ERROR: the store could not be read or the attempt could not be
 * counted (err says why); the PIN is refused. */
typedef enum { GB_PIN_OK, GB_PIN_WRONG, GB_PIN_LOCKED, GB_PIN_UNSET, GB_PIN_ERROR } gb_pin_result;

/* Checks a PIN with the lockout: after max_attempts wrong PINs in a row
 * staff mode locks for lockout_s seconds (counted in the database, so a
 * restart does not reset it; a clock set back never makes it longer than
 * lockout_s). *wait_s gets the seconds left when locked. Fails closed: an
 * attempt that cannot be counted is GB_PIN_ERROR. */
gb_pin_result gb_settings_pin_check(gb_store *st, const char *pin, int max_attempts, int lockout_s, long *wait_s,
                                    gb_err *err);

#endif
