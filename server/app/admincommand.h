// `confab-server admin --data-dir DIR ...`: directory administration against the store, whether or not the server
// is running (SQLite's WAL lets both work on it; the running server notices within a second and tells clients).
#pragma once

#include <QStringList>

int runAdminCommand(const QStringList &arguments);
