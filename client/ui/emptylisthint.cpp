#include "emptylisthint.h"

#include <QAbstractItemView>
#include <QEvent>

namespace confab::ui {

EmptyListHint::EmptyListHint(QAbstractItemView *view, const QString &objectName)
    : QLabel(view->viewport())
    , m_view(view)
{
    setObjectName(objectName);
    setWordWrap(true);
    setAlignment(Qt::AlignCenter);
    setMargin(16);
    setForegroundRole(QPalette::PlaceholderText);
    setTextInteractionFlags(Qt::NoTextInteraction);
    setAttribute(Qt::WA_TransparentForMouseEvents); // the list's own context menu and drops still work
    view->viewport()->installEventFilter(this);
    QAbstractItemModel *model = view->model();
    Q_ASSERT(model); // set the model first
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &EmptyListHint::updateVisibility);
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyListHint::updateVisibility);
    updateVisibility();
}

void EmptyListHint::setSettled(bool settled)
{
    m_settled = settled;
    updateVisibility();
}

void EmptyListHint::updateVisibility()
{
    const bool empty = m_view->model()->rowCount(m_view->rootIndex()) == 0;
    setVisible(empty && m_settled && !text().isEmpty());
    setAccessibleName(text());
}

bool EmptyListHint::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        setGeometry(m_view->viewport()->rect());
    return QLabel::eventFilter(watched, event);
}

} // namespace confab::ui
