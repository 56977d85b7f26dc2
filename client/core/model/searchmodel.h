// What the search box finds: people (name, pinyin and its initials, login name, email), groups (by name) and
// cached messages (full text), in that order, each row knowing what it leads to.
#pragma once

#include "cache/localcache.h"
#include "types/conversationid.h"

#include <QAbstractListModel>

namespace confab::client {

class DepartmentTreeModel;
class DisplayNames;
class GroupListModel;

class SearchModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind
    {
        Person,
        Group,
        Message
    };
    Q_ENUM(Kind)
    enum Role
    {
        KindRole = Qt::UserRole + 1, // Kind
        ConversationRole,            // ConversationId the row opens
        UserIdRole,                  // quint64: people
        MessageIdRole,               // quint64: messages
        DetailRole,                  // QString: title, member count or the text around the match
        TimeRole,                    // QDateTime: messages
        TitleRole,                   // QString: the person, group or conversation (DisplayRole adds the detail)
    };

    // With a cache, people and messages come from its full-text indexes (off the GUI thread); without, people come
    // from the directory and no message is found.
    SearchModel(const DepartmentTreeModel &directory, const GroupListModel &groups, const DisplayNames &names,
                LocalCache *cache, QObject *parent = nullptr);

    // Groups answer at once; people and messages when the cache has answered (peopleFound, messagesFound).
    void setQuery(const QString &text);
    QString query() const { return m_query; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void peopleFound(int count);
    void messagesFound(int count);
    // Every part of the search has answered: `count` rows in all (0: nothing matches).
    void finished(int count);

private:
    struct Row
    {
        Kind kind;
        ConversationId conversation;
        quint64 userId = 0;
        quint64 messageId = 0;
        QString title;
        QString detail;
        qint64 timeMs = 0;
    };
    void showPeople(const std::vector<quint64> &ids);
    void showMessages(const std::vector<MessageHit> &hits);
    void answered();

    const DepartmentTreeModel &m_directory;
    const GroupListModel &m_groups;
    const DisplayNames &m_names;
    LocalCache *m_cache;
    QString m_query;
    std::vector<Row> m_rows;
    int m_generation = 0; // answers to older queries are dropped
    int m_pendingAnswers = 0;
};

} // namespace confab::client
