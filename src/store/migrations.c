/* Schema history. Never edit a migration that has shipped: add a new one.
 * Times are UTC ISO 8601 text (2026-12-03T16:25:57Z) except batch windows,
 * which are the school's local wall-clock times as printed on the notice
 * ('2026-12-01 08:00'). Money is integer fen. */
#include "store/db.h"

static const gb_migration migrations[] = {
    {1,
     "CREATE TABLE batches ("
     "  id INTEGER PRIMARY KEY,"
     "  batch_no TEXT NOT NULL UNIQUE,"
     "  school TEXT NOT NULL,"
     "  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),"
     "  pay_mode TEXT NOT NULL CHECK (pay_mode IN ('student', 'school')),"
     "  window_start TEXT NOT NULL,"
     "  window_end TEXT NOT NULL CHECK (window_end > window_start),"
     "  backdrop TEXT NOT NULL CHECK (backdrop IN ('blue', 'white', 'grey')),"
     "  feature_code_required INTEGER NOT NULL DEFAULT 0 CHECK (feature_code_required IN (0, 1)),"
     "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
     "  created_at TEXT NOT NULL"
     ");"
     /* Roster rows. id_last4 is all we keep of an ID number. */
     "CREATE TABLE students ("
     "  id INTEGER PRIMARY KEY,"
     "  batch_id INTEGER NOT NULL REFERENCES batches(id),"
     "  student_no TEXT NOT NULL,"
     "  name TEXT NOT NULL,"
     "  gender TEXT NOT NULL DEFAULT '',"
     "  id_last4 TEXT NOT NULL CHECK (length(id_last4) = 4),"
     "  school TEXT NOT NULL DEFAULT '',"
     "  college TEXT NOT NULL DEFAULT '',"
     "  major TEXT NOT NULL DEFAULT '',"
     "  level TEXT NOT NULL DEFAULT '',"
     "  class_name TEXT NOT NULL DEFAULT '',"
     "  feature_code TEXT NOT NULL DEFAULT '',"
     "  imported_at TEXT NOT NULL,"
     "  UNIQUE (batch_id, student_no)"
     ");"
     "CREATE TABLE orders ("
     "  id INTEGER PRIMARY KEY,"
     "  order_no TEXT NOT NULL UNIQUE,"
     "  batch_id INTEGER NOT NULL REFERENCES batches(id),"
     "  student_id INTEGER NOT NULL REFERENCES students(id),"
     "  state TEXT NOT NULL,"
     "  phone TEXT NOT NULL DEFAULT '',"
     "  email TEXT NOT NULL DEFAULT '',"
     "  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),"
     "  photo_id INTEGER REFERENCES photos(id),"
     "  reject_reason TEXT NOT NULL DEFAULT '',"
     "  created_at TEXT NOT NULL,"
     "  updated_at TEXT NOT NULL"
     ");"
     "CREATE INDEX orders_student ON orders(student_id);"
     "CREATE INDEX orders_state ON orders(state);"
     "CREATE TABLE order_history ("
     "  id INTEGER PRIMARY KEY,"
     "  order_id INTEGER NOT NULL REFERENCES orders(id),"
     "  from_state TEXT,"
     "  to_state TEXT NOT NULL,"
     "  actor TEXT NOT NULL CHECK (actor IN ('student', 'kiosk', 'staff', 'sync')),"
     "  note TEXT NOT NULL DEFAULT '',"
     "  at TEXT NOT NULL"
     ");"
     "CREATE INDEX order_history_order ON order_history(order_id);"
     /* A photo row exists only once its file is durable (photo.c). */
     "CREATE TABLE photos ("
     "  id INTEGER PRIMARY KEY,"
     "  order_id INTEGER NOT NULL REFERENCES orders(id),"
     "  path TEXT NOT NULL UNIQUE,"
     "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
     "  bytes INTEGER NOT NULL CHECK (bytes > 0),"
     "  width INTEGER NOT NULL,"
     "  height INTEGER NOT NULL,"
     "  created_at TEXT NOT NULL"
     ");"
     "CREATE INDEX photos_order ON photos(order_id);"
     /* Work for the sync (issue: sync with the centre). idem_key makes a
      * retried request harmless on the server side. */
     "CREATE TABLE outbox ("
     "  id INTEGER PRIMARY KEY,"
     "  kind TEXT NOT NULL,"
     "  idem_key TEXT NOT NULL UNIQUE,"
     "  order_id INTEGER REFERENCES orders(id),"
     "  payload TEXT NOT NULL DEFAULT '{}',"
     "  attempts INTEGER NOT NULL DEFAULT 0,"
     "  next_attempt_at TEXT,"
     "  last_error TEXT NOT NULL DEFAULT '',"
     "  created_at TEXT NOT NULL,"
     "  done_at TEXT"
     ");"
     "CREATE INDEX outbox_pending ON outbox(done_at, next_attempt_at);"
     /* Monotonic counters (order sequence). Never reset, so order numbers
      * stay unique even when the clock goes back. */
     "CREATE TABLE counters ("
     "  name TEXT PRIMARY KEY,"
     "  value INTEGER NOT NULL"
     ");"},
    /* Kiosk settings: the staff PIN hash (argon2id), the kiosk's signing
     * key for pay-later links, the PIN lockout counters. Values are text or
     * blobs; nothing personal is ever stored here. */
    {2,
     "CREATE TABLE settings ("
     "  name TEXT PRIMARY KEY,"
     "  value BLOB NOT NULL,"
     "  updated_at TEXT NOT NULL"
     ");"},
    /* One row per photo the kiosk judged (a capture at the photo screen):
     * when, and the ids of the rules it failed ("" when it passed), comma
     * separated. No order, no student: it feeds the staff screen's top
     * failure reasons of the day. */
    {3,
     "CREATE TABLE photo_checks ("
     "  id INTEGER PRIMARY KEY,"
     "  at TEXT NOT NULL,"
     "  failed_rules TEXT NOT NULL DEFAULT ''"
     ");"
     "CREATE INDEX photo_checks_at ON photo_checks(at);"},
};

const gb_migration *gb_store_migrations(size_t *count)
{
    *count = sizeof migrations / sizeof migrations[0];
    return migrations;
}
