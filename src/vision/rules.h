/* The photo rules: one table entry each (rules.c) with a stable id, what it
 * measures, the configured limit and the message that tells the student
 * what to do, in Chinese and English. Adding a rule touches that table,
 * its [rules] keys in the config and its pictogram (ui/illustrate.c, which
 * a test holds to every rule and cause). */
#ifndef GB_VISION_RULES_H
#define GB_VISION_RULES_H

#include <stddef.h>

#include "core/config.h"
#include "vision/crop.h"
#include "vision/measure.h"

typedef enum { GB_RULE_FAIL = 0, GB_RULE_PASS = 1, GB_RULE_NOT_EVALUATED = -1 } gb_rule_state;

typedef struct gb_rule_result {
    const char *id;
    gb_rule_state state;
    int has_value;
    double value;
    int limit_is_number;
    double limit;
    char limit_text[64]; /* when the limit is not one number */
    const char *msg_zh, *msg_en;
} gb_rule_result;

/* What the rules look at. */
typedef struct gb_rule_input {
    const gb_measure *m;
    const gb_config *cfg;
    gb_crop crop;         /* solved in full-resolution pixels */
    int src_w, src_h;     /* full-resolution size */
    const char *backdrop; /* the batch's colour (blue|white|grey) or NULL: any allowed */
} gb_rule_input;

typedef struct gb_rule {
    const char *id;
    const char *measures; /* one line for docs and --help */
    void (*eval)(const gb_rule_input *in, gb_rule_result *r);
    const char *msg_zh, *msg_en; /* what to do when it fails */
} gb_rule;

const gb_rule *gb_rules(size_t *count);

/* A message a rule gives instead of its table message when it fails for a
 * particular cause ("too-dark", "off-centre"): the variant names the cause. */
typedef struct gb_rule_variant {
    const char *id;      /* the rule */
    const char *variant; /* the cause: a stable name */
    const char *msg_zh, *msg_en;
} gb_rule_variant;

const gb_rule_variant *gb_rule_variants(size_t *count);

/* The cause a failed rule's message names: the variant whose rule is id and
 * whose English message is msg_en, or NULL for the rule's table message
 * (and for anything unknown). */
const char *gb_rule_variant_of(const char *id, const char *msg_en);

/* Evaluates every rule into results[count] (count from gb_rules). Returns
 * the number that failed. */
int gb_rules_evaluate(const gb_rule_input *in, gb_rule_result *results);

#endif
