#include "testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/fileio.h"

char *tu_mkdtemp(void)
{
    const char *base = getenv("TMPDIR");
    char *p = malloc(512);
    snprintf(p, 512, "%s/gbtest-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(p)) {
        fail_msg("mkdtemp failed");
    }
    return p;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void tu_rmdir(const char *path)
{
    if (path)
        nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

unsigned char *tu_read_fixture(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GB_TEST_DATA, name);
    unsigned char *data;
    gb_err err;
    if (gb_read_file(path, 64u << 20, &data, len, &err) < 0)
        fail_msg("fixture: %s", err.msg);
    return data;
}

char *tu_write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = malloc(1024);
    snprintf(path, 1024, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}
