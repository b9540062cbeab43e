#include "store/student.h"

#include <stdio.h>
#include <string.h>

int gb_student_find(gb_store *st, const char *batch_no, const char *student_no, gb_student *out,
                    gb_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT s.id, s.batch_id, s.student_no, s.name, s.gender, s.id_last4, "
                           "s.school, s.college, s.major, s.level, s.class_name, s.feature_code "
                           "FROM students s JOIN batches b ON b.id = s.batch_id "
                           "WHERE b.batch_no = ? AND s.student_no = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return gb_store_fail(st, err, "find student");
    sqlite3_bind_text(s, 1, batch_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, student_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(s, 0);
        out->batch_id = sqlite3_column_int64(s, 1);
        gb_store_text(s, 2, out->student_no, sizeof out->student_no);
        gb_store_text(s, 3, out->name, sizeof out->name);
        gb_store_text(s, 4, out->gender, sizeof out->gender);
        gb_store_text(s, 5, out->id_last4, sizeof out->id_last4);
        gb_store_text(s, 6, out->school, sizeof out->school);
        gb_store_text(s, 7, out->college, sizeof out->college);
        gb_store_text(s, 8, out->major, sizeof out->major);
        gb_store_text(s, 9, out->level, sizeof out->level);
        gb_store_text(s, 10, out->class_name, sizeof out->class_name);
        gb_store_text(s, 11, out->feature_code, sizeof out->feature_code);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return 1;
    return gb_store_fail(st, err, "find student");
}
