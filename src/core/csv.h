/* CSV as spreadsheets write it (RFC 4180 plus what Excel does): comma, tab
 * or semicolon separated, fields optionally quoted with "" for a quote
 * inside, line breaks inside quotes, CRLF or LF. Input is UTF-8 text. */
#ifndef GB_CORE_CSV_H
#define GB_CORE_CSV_H

#include <stddef.h>

#include "core/err.h"

typedef struct gb_csv_row {
    size_t line;     /* 1-based line where the row starts */
    size_t nfields;
    char **fields;   /* NUL-terminated UTF-8 */
} gb_csv_row;

typedef struct gb_csv {
    gb_csv_row *rows; /* rows[0] is the header when the file has one */
    size_t nrows;
    char delimiter;
} gb_csv;

/* Picks the delimiter from the first line: the most frequent of , \t ;
 * outside quotes (comma on a tie). */
char gb_csv_detect_delimiter(const char *text);

/* Parses text. delimiter 0 means detect. Rows whose fields are all empty
 * (blank lines, Excel's trailing ",,,,") are dropped. Structural errors
 * (a quote never closed, text after a closing quote) fail with line and
 * column; rows read before them are freed. */
int gb_csv_parse(const char *text, char delimiter, gb_csv *out, gb_err *err);

void gb_csv_free(gb_csv *csv);

#endif
