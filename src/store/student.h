/* Roster rows as the identity check and the personal-data screen read them. */
#ifndef GB_STORE_STUDENT_H
#define GB_STORE_STUDENT_H

#include "store/db.h"

typedef struct gb_student {
    long long id;
    long long batch_id;
    char student_no[33];
    char name[128];
    char gender[8];
    char id_last4[5];
    char school[128], college[128], major[128], level[64], class_name[64];
    char feature_code[64];
} gb_student;

/* 0 found, 1 not found, -1 error. */
int gb_student_find(gb_store *st, const char *batch_no, const char *student_no, gb_student *out,
                    gb_err *err);

#endif
