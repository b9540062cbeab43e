#include "core/identity.h"

#include <ctype.h>
#include <string.h>

const char *gb_identity_result_name(gb_identity_result r)
{
    static const char *names[] = {"ok",           "code_unreadable", "batch_unknown",
                                  "batch_inactive", "batch_not_open", "batch_closed",
                                  "not_in_batch",   "suffix_mismatch", "feature_code_mismatch",
                                  "already_approved", "too_many_tries", "not_a_code"};
    return (unsigned)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

int gb_identity_same_suffix(const char *a, const char *b)
{
    if (strlen(a) != 4 || strlen(b) != 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (toupper((unsigned char)a[i]) != toupper((unsigned char)b[i]))
            return 0;
    return 1;
}

gb_identity_result gb_identity_check(const gb_identity_input *in)
{
    if (!in->batch)
        return GB_ID_BATCH_UNKNOWN;
    if (!in->batch->active)
        return GB_ID_BATCH_INACTIVE;
    gb_window_state w = gb_batch_window(in->batch, in->now);
    if (w == GB_WINDOW_BEFORE)
        return GB_ID_BATCH_NOT_OPEN;
    if (w == GB_WINDOW_AFTER)
        return GB_ID_BATCH_CLOSED;
    if (!in->student_found)
        return GB_ID_NOT_IN_BATCH;
    if (!in->typed_id_last4 || !in->roster_id_last4 || !gb_identity_same_suffix(in->typed_id_last4, in->roster_id_last4))
        return GB_ID_SUFFIX_MISMATCH;
    if (in->batch->feature_code_required &&
        (!in->typed_feature_code || !in->roster_feature_code || !in->roster_feature_code[0] ||
         strcmp(in->typed_feature_code, in->roster_feature_code) != 0))
        return GB_ID_FEATURE_CODE_MISMATCH;
    if (in->has_approved_order)
        return GB_ID_ALREADY_APPROVED;
    return GB_ID_OK;
}
