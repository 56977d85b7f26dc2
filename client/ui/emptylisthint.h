// A sentence shown inside an empty list, saying what the list is and what to do next ("No conversations yet. Find a
// colleague under Contacts..."), so that a first sign-in never shows a blank white box. It follows the model: shown
// while the list has no rows (and, where the rows come late, once the model says it is done), hidden otherwise.
#pragma once

#include <QLabel>

class QAbstractItemView;

namespace confab::ui {

class EmptyListHint : public QLabel
{
    Q_OBJECT

public:
    // Lives on `view`'s viewport, named `objectName` for automation.
    EmptyListHint(QAbstractItemView *view, const QString &objectName);

    // Whether the list is settled enough to call it empty (a search still waiting for answers is not).
    void setSettled(bool settled);
    void updateVisibility();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAbstractItemView *m_view;
    bool m_settled = true;
};

} // namespace confab::ui
