#include "visiblerows.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QPointer>
#include <QScrollBar>
#include <QTreeView>

namespace confab::ui {

namespace {

// Resizes of the viewport reach `changed` too; it lives as long as the view.
class ResizeWatcher : public QObject
{
public:
    ResizeWatcher(QWidget *viewport, QObject *context, std::function<void()> changed)
        : QObject(viewport)
        , m_context(context)
        , m_changed(std::move(changed))
    {
        viewport->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (m_context && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
            m_changed();
        return QObject::eventFilter(watched, event);
    }

private:
    QPointer<QObject> m_context;
    std::function<void()> m_changed;
};

} // namespace

std::vector<quint64> peopleInVisibleRows(const QAbstractItemView *view, int idRole,
                                         const std::function<bool(const QModelIndex &)> &isPerson)
{
    std::vector<quint64> ids;
    if (!view->isVisible() || !view->model())
        return ids;
    const QRect area = view->viewport()->rect();
    const auto *tree = qobject_cast<const QTreeView *>(view);
    // Row by row from the top of the viewport to its bottom: a tree walks its expanded rows, a list its rows.
    for (QModelIndex index = view->indexAt(QPoint(1, 1)); index.isValid();) {
        const QRect rect = view->visualRect(index);
        if (rect.top() > area.bottom())
            break;
        if (!isPerson || isPerson(index))
            ids.push_back(index.data(idRole).toULongLong());
        index = tree ? tree->indexBelow(index) : index.sibling(index.row() + 1, 0);
    }
    return ids;
}

void onVisibleRowsChanged(QAbstractItemView *view, QObject *context, const std::function<void()> &changed)
{
    QObject::connect(view->verticalScrollBar(), &QScrollBar::valueChanged, context, changed);
    if (auto *tree = qobject_cast<QTreeView *>(view)) {
        QObject::connect(tree, &QTreeView::expanded, context, changed);
        QObject::connect(tree, &QTreeView::collapsed, context, changed);
    }
    QAbstractItemModel *model = view->model();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        QObject::connect(model, signal, context, changed);
    QObject::connect(model, &QAbstractItemModel::rowsMoved, context, changed);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, context, changed);
    QObject::connect(model, &QAbstractItemModel::modelReset, context, changed);
    new ResizeWatcher(view->viewport(), context, changed);
}

} // namespace confab::ui
