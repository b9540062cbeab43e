/* Masking of student data for staff screens and command output. Masked
 * forms keep enough to tell two people apart in a list, never enough to
 * identify one. */
#ifndef GB_CORE_MASK_H
#define GB_CORE_MASK_H

#include <stddef.h>

/* 张三丰 -> 张**; Li Lei -> L*****: first character (UTF-8 aware), then one
 * '*' per further character. */
void gb_mask_name(const char *name, char *out, size_t size);

/* 13800138000 -> 138****8000; anything else -> all '*'. */
void gb_mask_phone(const char *phone, char *out, size_t size);

/* zhang.san@example.com -> z***@example.com */
void gb_mask_email(const char *email, char *out, size_t size);

#endif
