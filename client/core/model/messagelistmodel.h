// The messages of one conversation, oldest first, as the chat view shows them: what the server stored, by id,
// then what the user wrote that is still on its way (sending, or failed with the reason). Older history pages in
// on demand (canFetchMore/fetchMore ask the conversation's loader through olderWanted). Rows are inserted,
// changed and moved one by one; the model never resets after it was first filled.
#pragma once

#include "types/conversationid.h"

#include <QAbstractListModel>

#include <optional>
#include <vector>

namespace confab::client {

class DisplayNames;

class MessageListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Delivery
    {
        Sending,
        Sent,
        Failed
    };
    Q_ENUM(Delivery)

    enum Role
    {
        IdRole = Qt::UserRole + 1, // quint64; 0 while sending
        SenderIdRole,              // quint64
        SenderNameRole,            // QString
        InitialsRole,              // QString, for the sender's avatar
        TimeRole,                  // QDateTime (local)
        IsOwnRole,                 // bool
        DeliveryRole,              // Delivery
        FailureRole,               // QString: why the server refused it (its English text, for logs)
        FailureCodeRole,           // int (pb::ErrorCode): why, for the UI to say in the person's language
        ReadByRole,                // int: group members who read it (-1: not known yet)
        ReadByPeerRole,            // bool: one-to-one, the other person read it
        ClientMsgIdRole,           // QString: own messages
        StartsDayRole,             // bool: the first message of its day (a day separator goes above it)
        SameSenderRole,            // bool: follows a message of the same sender within five minutes
        ReplyToRole,               // quint64
        MentionsMeRole,            // bool
        ReadersRole,               // QStringList: who in the group read it, by name (once receipts came)
    };

    MessageListModel(ConversationId conversation, quint64 selfId, const DisplayNames &names, QObject *parent = nullptr);

    ConversationId conversation() const { return m_conversation; }
    // Who "own" is. Known late on an offline start (the cache is read before anyone signed in); rows follow.
    void setSelfId(quint64 selfId);

    // Stored messages, in any order, any number of times: each id is shown once, in its place.
    void addMessages(const std::vector<pb::Message> &messages);
    // An own message written just now (or restored from the outbox).
    void addPending(const QString &clientMsgId, const QString &text, qint64 writtenMs);
    void markSent(const QString &clientMsgId, quint64 id, qint64 sentMs);
    void markFailed(const QString &clientMsgId, int errorCode, const QString &reason);
    void removePending(const QString &clientMsgId);
    void setReadBy(quint64 messageId, const std::vector<quint64> &readers);
    void setPeerReadCursor(quint64 cursor);

    quint64 oldestId() const;
    quint64 newestId() const;
    // Own sent messages among the last `count` rows (for read receipts).
    std::vector<quint64> recentOwnIds(int count) const;
    // Whether older history may exist before oldestId() (false once id 1 is here or the server said so).
    void setHasOlder(bool hasOlder);
    void setLoadingOlder(bool loading) { m_loadingOlder = loading; }

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void olderWanted(quint64 beforeId);

private:
    struct Entry
    {
        pb::Message message; // id 0 while pending
        Delivery delivery = Delivery::Sent;
        QString clientMsgId;
        QString failure;
        int failureCode = 0;
        std::optional<std::vector<quint64>> readers; // who has read it, once the server has said
    };
    int rowOfId(quint64 id) const;
    int rowOfClientId(const QString &clientMsgId) const;
    int sentCount() const; // rows of stored messages; pending ones follow them
    int insertionRow(quint64 id) const;
    void insertEntry(int row, Entry entry);
    void neighboursChanged(int row); // the rows whose day separator or grouping depend on `row`
    bool startsDay(int row) const;
    bool sameSender(int row) const;

    ConversationId m_conversation;
    quint64 m_selfId;
    const DisplayNames &m_names;
    std::vector<Entry> m_entries;
    quint64 m_peerReadCursor = 0;
    bool m_hasOlder = true;
    bool m_loadingOlder = false;
};

} // namespace confab::client
