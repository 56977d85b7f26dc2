// Where a message is written: Enter sends, Shift+Enter starts a new line, typing "@" in a group offers its
// members, and the person's typing is reported (started, then stopped after a pause) for typing notices.
#pragma once

#include <QList>
#include <QPlainTextEdit>
#include <QTimer>

class QCompleter;
class QStringListModel;

namespace confab::ui {

class MessageInput : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit MessageInput(QWidget *parent = nullptr);

    // People "@" offers (name, user id); empty outside groups.
    void setMentionCandidates(const QList<QPair<QString, quint64>> &people);
    // User ids mentioned in the text as it stands (names chosen from the list and still present).
    QList<quint64> mentions() const;
    void clearMentions() { m_mentioned.clear(); }

signals:
    void submitted();
    void typingChanged(bool typing);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void insertMention(const QString &name);
    QString wordBeforeCursor() const;

    QCompleter *m_completer;
    QStringListModel *m_names;
    QList<QPair<QString, quint64>> m_people;
    QList<QPair<QString, quint64>> m_mentioned;
    QTimer m_typingPause;
    bool m_typing = false;
};

} // namespace confab::ui
