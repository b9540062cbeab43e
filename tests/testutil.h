/* Helpers shared by the unit tests: temporary folders and fixture files. */
#ifndef GB_TESTS_TESTUTIL_H
#define GB_TESTS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* A fresh folder under $TMPDIR; removed by tu_rmdir. */
char *tu_mkdtemp(void);
void tu_rmdir(const char *path);

/* Reads tests/data/NAME; aborts the test when missing. */
unsigned char *tu_read_fixture(const char *name, size_t *len);

/* Writes len bytes to dir/name and returns the malloc'd full path. */
char *tu_write_file(const char *dir, const char *name, const void *data, size_t len);

#endif
