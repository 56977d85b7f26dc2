// The people in the rows a view shows right now (what scrolled into sight), for the presence watch. A row counts
// when it is a person: `idRole` gives their id, and `isPerson` (when given) tells people from departments.
#pragma once

#include <QModelIndex>

#include <functional>
#include <vector>

class QAbstractItemView;
class QObject;

namespace confab::ui {

std::vector<quint64> peopleInVisibleRows(const QAbstractItemView *view, int idRole,
                                         const std::function<bool(const QModelIndex &)> &isPerson = {});

// Calls `changed` whenever what `view` shows may have changed: scrolling, resizing, expanding, model changes.
void onVisibleRowsChanged(QAbstractItemView *view, QObject *context, const std::function<void()> &changed);

} // namespace confab::ui
