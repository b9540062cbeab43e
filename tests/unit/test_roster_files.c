/* Roster files under the USB mount folders: the extensions, the depth
 * limit, hidden folders, links to folders, missing roots, newest first and
 * the limits on what is listed and looked at. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "store/roster_files.h"

static char *make(const char *base, const char *rel, time_t mtime)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", base, rel);
    /* the folders on the way */
    for (char *p = path + strlen(base) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = 0;
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("学号,姓名,身份证后四位\n", f);
    fclose(f);
    struct timeval tv[2] = {{mtime, 0}, {mtime, 0}};
    assert_int_equal(utimes(path, tv), 0);
    return strdup(path);
}

static void test_finds_roster_files_newest_first_within_depth(void **state)
{
    (void)state;
    char *dir = tu_mkdtemp();
    char media[600], mnt[600], roots[2000];
    snprintf(media, sizeof media, "%s/media", dir);
    snprintf(mnt, sizeof mnt, "%s/mnt", dir);
    mkdir(media, 0755);
    mkdir(mnt, 0755);
    char *a = make(media, "kiosk/STICK/名单.csv", 1000);         /* level 3 */
    char *b = make(media, "kiosk/STICK/2026/B.TSV", 3000);       /* level 4 */
    char *c = make(mnt, "c.txt", 2000);                          /* level 1 */
    free(make(media, "kiosk/STICK/2026/old/deep.csv", 9000));    /* level 5: too deep */
    free(make(media, "kiosk/STICK/.Trash-1000/gone.csv", 9000)); /* hidden */
    free(make(media, "kiosk/STICK/photo.jpg", 9000));            /* not a roster */
    free(make(media, "kiosk/STICK/csv", 9000));                  /* no extension */
    char link[700];
    snprintf(link, sizeof link, "%s/loop", mnt);
    assert_int_equal(symlink(mnt, link), 0); /* a link to a folder is not followed */
    snprintf(roots, sizeof roots, " %s/ , %s/none,%s", media, dir, mnt);

    gb_found_file out[8];
    int total = -1;
    gb_find_opts o = {.roots = roots, .depth = 4, .max_entries = 10000};
    int n = gb_roster_files_find(&o, out, 8, &total);
    if (n != 3)
        for (int i = 0; i < n; i++)
            print_message("found %s\n", out[i].path);
    assert_int_equal(n, 3);
    assert_int_equal(total, 3);
    assert_string_equal(out[0].path, b);
    assert_string_equal(out[1].path, c);
    assert_string_equal(out[2].path, a);
    assert_int_equal(out[2].mtime, 1000);
    assert_int_equal(out[2].bytes, (long long)strlen("学号,姓名,身份证后四位\n"));

    /* at most max listed, the newest; the total still counts all */
    n = gb_roster_files_find(&o, out, 2, &total);
    assert_int_equal(n, 2);
    assert_int_equal(total, 3);
    assert_string_equal(out[0].path, b);
    assert_string_equal(out[1].path, c);

    /* depth 3 leaves out the level-4 file */
    o.depth = 3;
    n = gb_roster_files_find(&o, out, 8, &total);
    assert_int_equal(n, 2);
    assert_string_equal(out[0].path, c);
    assert_string_equal(out[1].path, a);

    /* the entry guard stops the walk: nothing beyond it is looked at */
    o.max_entries = 1;
    n = gb_roster_files_find(&o, out, 8, &total);
    assert_int_equal(total, 0);
    assert_int_equal(n, 0);

    free(a);
    free(b);
    free(c);
    tu_rmdir(dir);
    free(dir);
}

static void test_no_roots_no_files(void **state)
{
    (void)state;
    gb_found_file out[2];
    int total = -1;
    gb_find_opts o = {.roots = "/nonexistent-gradbooth-root,,", .depth = 3, .max_entries = 100};
    assert_int_equal(gb_roster_files_find(&o, out, 2, &total), 0);
    assert_int_equal(total, 0);
    o.roots = "";
    assert_int_equal(gb_roster_files_find(&o, out, 2, &total), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finds_roster_files_newest_first_within_depth),
        cmocka_unit_test(test_no_roots_no_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
