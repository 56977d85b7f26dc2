// A list model whose rows stay sorted: rows are inserted where they sort, re-sorted one at a time when they change
// (a row move, never a reset) and removed, each with the model's own signals. The session, buddy and group lists
// build on it; each says only how its rows compare.
#pragma once

#include <QAbstractListModel>

#include <vector>

namespace confab::client {

template <class Row>
class SortedListModel : public QAbstractListModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }

protected:
    using QAbstractListModel::QAbstractListModel;

    virtual bool lessThan(const Row &a, const Row &b) const = 0;

    // Everything at once (a reset: the cache, or a full sync's end).
    void resetRows(std::vector<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        std::sort(m_rows.begin(), m_rows.end(), [this](const Row &a, const Row &b) { return lessThan(a, b); });
        endResetModel();
    }

    // Where `row` sorts among the others (the row at `ignoreRow` not counted), by bisection.
    int sortedRow(const Row &row, int ignoreRow = -1) const
    {
        int low = 0;
        int high = int(m_rows.size()) - (ignoreRow >= 0 ? 1 : 0);
        while (low < high) {
            const int mid = (low + high) / 2;
            const int at = ignoreRow >= 0 && mid >= ignoreRow ? mid + 1 : mid;
            if (lessThan(m_rows[size_t(at)], row))
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }

    int insertSorted(Row row)
    {
        const int at = sortedRow(row);
        beginInsertRows({}, at, at);
        m_rows.insert(m_rows.begin() + at, std::move(row));
        endInsertRows();
        return at;
    }

    // After the row at `row` changed: moves it to where it now sorts and says it changed. Returns its new row.
    int resort(int row)
    {
        const int target = sortedRow(m_rows[size_t(row)], row);
        if (target != row) {
            // beginMoveRows counts the destination before the move: moving down lands one row further.
            beginMoveRows({}, row, row, {}, target > row ? target + 1 : target);
            Row moved = std::move(m_rows[size_t(row)]);
            m_rows.erase(m_rows.begin() + row);
            m_rows.insert(m_rows.begin() + target, std::move(moved));
            endMoveRows();
        }
        const QModelIndex changed = index(target);
        emit dataChanged(changed, changed);
        return target;
    }

    void removeAt(int row)
    {
        beginRemoveRows({}, row, row);
        m_rows.erase(m_rows.begin() + row);
        endRemoveRows();
    }

    template <class Matches>
    int findRow(Matches matches) const
    {
        const auto it = std::find_if(m_rows.begin(), m_rows.end(), matches);
        return it == m_rows.end() ? -1 : int(it - m_rows.begin());
    }

    std::vector<Row> m_rows;
};

} // namespace confab::client
