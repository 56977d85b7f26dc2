#include "messageinput.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QStringListModel>
#include <QTextBlock>

namespace confab::ui {

MessageInput::MessageInput(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_completer(new QCompleter(this))
    , m_names(new QStringListModel(this))
{
    setTabChangesFocus(true);
    m_completer->setModel(m_names);
    m_completer->setWidget(this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->popup()->setObjectName(QStringLiteral("mentionPopup"));
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &MessageInput::insertMention);

    // Typing notices: "typing" at the first key, "stopped" after five quiet seconds or when the text is sent.
    m_typingPause.setSingleShot(true);
    m_typingPause.setInterval(5000);
    connect(&m_typingPause, &QTimer::timeout, this, [this] {
        m_typing = false;
        emit typingChanged(false);
    });
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (toPlainText().isEmpty()) {
            m_typingPause.stop();
            if (std::exchange(m_typing, false))
                emit typingChanged(false);
            return;
        }
        if (!std::exchange(m_typing, true))
            emit typingChanged(true);
        m_typingPause.start();
    });
}

void MessageInput::setMentionCandidates(const QList<QPair<QString, quint64>> &people)
{
    m_people = people;
    QStringList names;
    for (const auto &p : people)
        names.append(p.first);
    m_names->setStringList(names);
}

QList<quint64> MessageInput::mentions() const
{
    QList<quint64> ids;
    const QString text = toPlainText();
    for (const auto &m : m_mentioned) {
        if (text.contains(QLatin1Char('@') + m.first) && !ids.contains(m.second))
            ids.append(m.second);
    }
    return ids;
}

QString MessageInput::wordBeforeCursor() const
{
    const QTextCursor cursor = textCursor();
    const QString line = cursor.block().text().left(cursor.positionInBlock());
    const qsizetype at = line.lastIndexOf(QLatin1Char('@'));
    if (at < 0 || line.mid(at).contains(QLatin1Char(' ')))
        return {};
    return line.mid(at);
}

void MessageInput::insertMention(const QString &name)
{
    QTextCursor cursor = textCursor();
    const int typed = int(wordBeforeCursor().size());
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
    cursor.insertText(QLatin1Char('@') + name + QLatin1Char(' '));
    setTextCursor(cursor);
    for (const auto &p : m_people) {
        if (p.first == name)
            m_mentioned.append(p);
    }
}

void MessageInput::keyPressEvent(QKeyEvent *event)
{
    if (m_completer->popup()->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
            event->ignore(); // the completer takes these
            return;
        default:
            break;
        }
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        m_typingPause.stop();
        if (std::exchange(m_typing, false))
            emit typingChanged(false);
        emit submitted();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
    const QString word = wordBeforeCursor();
    if (m_people.isEmpty() || word.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(word.mid(1));
    QRect popupAt = cursorRect();
    popupAt.setWidth(240);
    m_completer->complete(popupAt);
}

} // namespace confab::ui
