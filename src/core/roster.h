/* Roster files: the student list a school exports for one batch. Parsing
 * and checking only; the store writes the rows (store/roster_import.c).
 *
 * Headers are matched by alias in Chinese or English (roster.c lists them),
 * case-insensitively and ignoring spaces. A full ID number is cut to its
 * last four characters here, before anything else sees the row. */
#ifndef GB_CORE_ROSTER_H
#define GB_CORE_ROSTER_H

#include <stddef.h>

#include "core/err.h"

typedef enum {
    GB_COL_NAME,
    GB_COL_STUDENT_NO,
    GB_COL_GENDER,
    GB_COL_ID_NUMBER,
    GB_COL_ID_LAST4,
    GB_COL_SCHOOL,
    GB_COL_COLLEGE,
    GB_COL_MAJOR,
    GB_COL_LEVEL,
    GB_COL_CLASS,
    GB_COL_FEATURE_CODE,
    GB_COL_COUNT
} gb_roster_col;

typedef struct gb_roster_row {
    size_t line;
    char *name;
    char *student_no;
    char *gender; /* 男, 女 or "" */
    char id_last4[5];
    char *school, *college, *major, *level, *class_name, *feature_code; /* "" when absent */
} gb_roster_row;

/* A problem (or warning) in two languages: msg in English is what the CLI
 * prints, msg_zh the same in Chinese for the kiosk's staff screen, which
 * is in Chinese by default. Neither repeats a student's personal data. */
typedef struct gb_roster_problem {
    size_t line;      /* 0 for the whole file */
    char column[96];  /* header text as written in the file, or "" */
    char msg[256];
    char msg_zh[320]; /* "" only if someone added a problem without it */
} gb_roster_problem;

typedef struct gb_roster {
    gb_roster_row *rows;
    size_t nrows;
    gb_roster_problem *problems;
    size_t nproblems;
    const char *encoding; /* static string */
    char delimiter;
    char ignored_columns[512]; /* header names not used, comma separated */
    int has_column[GB_COL_COUNT];
    int title_lines;           /* lines above the header that were skipped */
    gb_roster_problem *warnings; /* worth a look, but the import goes ahead */
    size_t nwarnings;
} gb_roster;

/* Canonical English name of a column ("student_no"). */
const char *gb_roster_col_name(gb_roster_col c);

/* Column for a header text, or -1. */
int gb_roster_col_for_header(const char *header);

/* Parses a roster file's bytes. Returns 0 when the file is usable, -1 when
 * it has problems (roster->problems lists every one found, file-level and
 * per line). max_rows guards against a wrong file. The rows are complete
 * only when it returns 0. */
int gb_roster_parse(const unsigned char *data, size_t len, size_t max_rows, gb_roster *roster);

/* Adds a problem (used by the importer for duplicates against the batch)
 * with its English text; returns it for gb_roster_zh, NULL when out of
 * memory. */
gb_roster_problem *gb_roster_add_problem(gb_roster *roster, size_t line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Adds a warning: something staff should look at that does not stop the
 * import (an ID number whose check digit is wrong, another school). */
gb_roster_problem *gb_roster_add_warning(gb_roster *roster, size_t line, const char *column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Gives a problem or warning just added its Chinese text (p may be NULL):
 * gb_roster_zh(gb_roster_add_problem(r, line, col, "empty"), "为空").
 * Two calls rather than one with two formats, so the compiler checks both
 * formats against their arguments. */
void gb_roster_zh(gb_roster_problem *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Whether text is a full Chinese ID number: 17 digits and a digit or X whose
 * ISO 7064 MOD 11-2 check matches, with a real birth date; or an old
 * 15-digit number with a real date. Used to keep ID numbers out of columns
 * where they would be stored whole. */
int gb_looks_like_id_number(const char *text);

/* Whether an 18-character ID number's check digit matches. */
int gb_id_check_digit_ok(const char *id18);

/* Writes "origin line L, column 'C': msg" for the first `limit` problems,
 * one per line, then "... and N more problems" (English: the CLI's words;
 * the staff screen formats msg_zh with its own catalogue). */
void gb_roster_format_problems(const gb_roster *roster, const char *origin, size_t limit, char *buf,
                               size_t size);

/* The general form: count problems (or warnings) of list, the first
 * `limit` a line each, in English (the CLI's words) or, with zh, in
 * Chinese from each msg_zh (the staff screen's). */
void gb_roster_format_list(const gb_roster_problem *list, size_t count, int warnings, int zh, const char *origin,
                           size_t limit, char *buf, size_t size);

/* The same for the warnings ("... and N more warnings"). */
void gb_roster_format_warnings(const gb_roster *roster, const char *origin, size_t limit, char *buf,
                               size_t size);

/* 1 when data is an Excel workbook (.xlsx is a zip, .xls an OLE file),
 * not a CSV: a renamed workbook is the commonest bad roster, and its
 * problem list ("binary data") does not say what to do. */
int gb_roster_is_workbook(const unsigned char *data, size_t len);

void gb_roster_free(gb_roster *roster);

#endif
