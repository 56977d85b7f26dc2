// Filters the department tree by what people type: name, pinyin, login name or email, case-insensitively; a
// department stays visible while anyone inside it matches.
#pragma once

#include <QSortFilterProxyModel>

namespace confab::client {

class ContactFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ContactFilterProxy(QObject *parent = nullptr);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
};

} // namespace confab::client
