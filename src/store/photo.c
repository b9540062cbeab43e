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

struct ref_set {
    char **paths;
    size_t n;
};

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

struct unref_ctx {
    struct ref_set *refs;
    gb_photo_audit_result *res;
    void (*say)(const char *msg, void *user);
    void *user;
};

static void check_unreferenced(const char *rel, void *user)
{
    struct unref_ctx *u = user;
    const char *key = rel;
    if (u->refs->n && bsearch(&key, u->refs->paths, u->refs->n, sizeof *u->refs->paths, cmp_str))
        return;
    u->res->unreferenced++;
    if (u->say) {
        char msg[1400];
        snprintf(msg, sizeof msg, "%s: on disk but not in the database (left by an interrupted save; harmless)", rel);
        u->say(msg, u->user);
    }
}

int gb_photo_audit(gb_store *st, void (*say)(const char *msg, void *user), void *user, gb_photo_audit_result *res,
                   gb_err *err)
{
    memset(res, 0, sizeof *res);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT path, sha256, bytes FROM photos ORDER BY path", -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "verify photos");
    struct ref_set refs = {0};
    size_t cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *rel = (const char *)sqlite3_column_text(s, 0);
        const char *want = (const char *)sqlite3_column_text(s, 1);
        long bytes = (long)sqlite3_column_int64(s, 2);
        res->rows++;
        if (refs.n == cap) {
            cap = cap ? cap * 2 : 64;
            char **np = realloc(refs.paths, cap * sizeof *np);
            if (!np)
                break;
            refs.paths = np;
        }
        refs.paths[refs.n++] = strdup(rel);
        char full[1200];
        snprintf(full, sizeof full, "%s/%s", st->data_dir, rel);
        unsigned char *data;
        size_t len;
        gb_err e;
        char got[65], msg[1400];
        if (gb_read_file(full, 64u << 20, &data, &len, &e) < 0) {
            res->missing++;
            snprintf(msg, sizeof msg, "%s: missing or unreadable (%s)", rel, e.msg);
            if (say)
                say(msg, user);
            continue;
        }
        gb_sha256_hex(data, len, got);
        free(data);
        if ((long)len != bytes || strcmp(got, want) != 0) {
            res->bad++;
            if ((long)len != bytes)
                snprintf(msg, sizeof msg, "%s: %zu bytes, the database says %ld: the file was changed or cut short",
                         rel, len, bytes);
            else
                snprintf(msg, sizeof msg, "%s: its SHA-256 differs from the database's: the file was changed", rel);
            if (say)
                say(msg, user);
        }
    }
    sqlite3_finalize(s);
    if (refs.n)
        qsort(refs.paths, refs.n, sizeof *refs.paths, cmp_str);
    struct unref_ctx u = {&refs, res, say, user};
    gb_dir_each_file(st->data_dir, "photos", check_unreferenced, &u);
    for (size_t i = 0; i < refs.n; i++)
        free(refs.paths[i]);
    free(refs.paths);
    return 0;
}

static void keep_first(const char *msg, void *user)
{
    gb_err *e = user;
    if (!e->msg[0])
        snprintf(e->msg, sizeof e->msg, "%s", msg);
}

int gb_photo_verify_all(gb_store *st, gb_err *err)
{
    gb_photo_audit_result res;
    gb_err first = {0};
    /* rows are checked before the folder is scanned, so the first message
     * is about a damaged row whenever there is one */
    if (gb_photo_audit(st, keep_first, &first, &res, err) < 0)
        return -1;
    if (res.bad + res.missing == 0)
        return 0;
    gb_err_set(err, "%s", first.msg);
    return res.bad + res.missing;
}
