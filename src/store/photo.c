#include "store/photo.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/fileio.h"
#include "store/order.h"

void gb_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* The order's photo folder must itself be durable before files in it are. */
static int ensure_dir(const char *parent, const char *name, char *path, size_t size, gb_err *err)
{
    snprintf(path, size, "%s/%s", parent, name);
    if (gb_mkdir_p(path, 0750, err) < 0)
        return -1;
    int fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    return 0;
}

int gb_photo_attach(gb_store *st, const char *order_no, const void *jpeg, size_t len, int width,
                    int height, int move_to, gb_actor actor, gb_photo *out, gb_err *err)
{
    if (len == 0 || width <= 0 || height <= 0) {
        gb_err_set(err, "order %s: empty photo", order_no);
        return -1;
    }
    gb_order order;
    int found = gb_order_get(st, order_no, &order, err);
    if (found != 0) {
        if (found == 1)
            gb_err_set(err, "no order %s", order_no);
        return -1;
    }
    gb_photo p = {0};
    gb_sha256_hex(jpeg, len, p.sha256);
    p.bytes = (long)len;
    p.width = width;
    p.height = height;

    char dir[1024], name[64], stamp[20];
    if (ensure_dir(st->photos_dir, order_no, dir, sizeof dir, err) < 0)
        return -1;
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    snprintf(name, sizeof name, "%s-%.12s.jpg", stamp, p.sha256);
    snprintf(p.path, sizeof p.path, "photos/%s/%s", order_no, name);
    if (gb_write_atomic(dir, name, jpeg, len, err) < 0)
        return -1;

    char now[21];
    gb_store_now(now);
    sqlite3_stmt *s = NULL;
    if (gb_store_begin(st, err) < 0)
        goto fail_file;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO photos (order_id, path, sha256, bytes, width, height, created_at) "
                           "VALUES (?,?,?,?,?,?,?)",
                           -1, &s, NULL) != SQLITE_OK) {
        gb_store_fail(st, err, "save photo");
        goto fail_tx;
    }
    sqlite3_bind_int64(s, 1, order.id);
    sqlite3_bind_text(s, 2, p.path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, p.sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, p.bytes);
    sqlite3_bind_int(s, 5, width);
    sqlite3_bind_int(s, 6, height);
    sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        /* The same bytes saved twice within a second give the same name. */
        if (rc == SQLITE_CONSTRAINT_UNIQUE)
            gb_err_set(err, "order %s: this photo was already saved", order_no);
        else
            gb_store_fail(st, err, "save photo");
        gb_store_rollback(st);
        return -1; /* the file belongs to the row already there */
    }
    p.id = sqlite3_last_insert_rowid(st->db);
    if (sqlite3_prepare_v2(st->db, "UPDATE orders SET photo_id = ?, updated_at = ? WHERE id = ?", -1, &s,
                           NULL) != SQLITE_OK) {
        gb_store_fail(st, err, "save photo");
        goto fail_tx;
    }
    sqlite3_bind_int64(s, 1, p.id);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, order.id);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        gb_store_fail(st, err, "save photo");
        goto fail_tx;
    }
    if (move_to >= 0 &&
        gb_order_move_in_tx(st, order.id, (gb_order_state)move_to, actor, "photo", err) < 0)
        goto fail_tx;
    if (gb_store_commit(st, err) < 0)
        goto fail_file;
    if (out)
        *out = p;
    return 0;
fail_tx:
    gb_store_rollback(st);
fail_file : {
    char full[1400];
    snprintf(full, sizeof full, "%s/%s", dir, name);
    unlink(full);
}
    return -1;
}

int gb_photo_verify_all(gb_store *st, gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT path, sha256, bytes FROM photos ORDER BY id", -1, &s, NULL) !=
        SQLITE_OK)
        return gb_store_fail(st, err, "verify photos");
    int bad = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *rel = (const char *)sqlite3_column_text(s, 0);
        const char *want = (const char *)sqlite3_column_text(s, 1);
        long bytes = (long)sqlite3_column_int64(s, 2);
        char full[1200];
        snprintf(full, sizeof full, "%s/%s", st->data_dir, rel);
        unsigned char *data;
        size_t len;
        gb_err e;
        char got[65];
        if (gb_read_file(full, 64u << 20, &data, &len, &e) < 0) {
            if (!bad++)
                gb_err_set(err, "%s", e.msg);
            continue;
        }
        gb_sha256_hex(data, len, got);
        free(data);
        if ((long)len != bytes || strcmp(got, want) != 0) {
            if (!bad++)
                gb_err_set(err, "%s: %zu bytes, checksum %s; the database expects %ld bytes, %s", rel,
                           len, len == (size_t)bytes ? "differs" : "not checked", bytes, "its sha256");
        }
    }
    sqlite3_finalize(s);
    return bad;
}
