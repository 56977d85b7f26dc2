// confab-cli's commands, run on a logged-in connection. Each finishes by calling `finish` with an exit code.
#pragma once

#include "clioutput.h"
#include "net/serverconnection.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace confab::cli {

// Documented in --help; scripts rely on them.
enum ExitCode
{
    ExitOk = 0,
    ExitRefused = 1, // the server refused the request (the error code is printed)
    ExitUsage = 2,
    ExitUnreachable = 3, // could not connect, or the connection dropped
    ExitLoginFailed = 4,
    ExitUntrustedCertificate = 5, // TLS: the server's certificate is neither trusted by the system nor pinned
};

// Options that some commands read (see main.cpp's --help).
struct CliOptions
{
    quint64 selfId = 0; // from the login response
    quint64 since = 0;
    int forSeconds = 0;
    QString to;         // send --to USER
    quint64 group = 0;  // send --group ID
    quint64 before = 0; // history --before ID
    int limit = 0;      // history --limit N
    QString clientId;   // send/group create: the idempotency key (a fresh UUID when empty)
};

class CliCommands : public QObject
{
    Q_OBJECT

public:
    CliCommands(client::ServerConnection &connection, CliOutput &out, QObject *parent = nullptr);

    // Validates the command line before anything connects; an error message for the user, or empty.
    static QString validate(const QStringList &command);

    void run(const QStringList &command, const CliOptions &options);

signals:
    void finish(int exitCode);

private:
    template <class Rpc, class AddRows>
    void syncPages(const QString &kind, quint64 cursor, quint64 rowsSoFar, AddRows printRows);
    // Prints the server's refusal and finishes; true when there was one.
    template <class Response>
    bool refused(const client::RpcResult<Response> &result)
    {
        if (!result.ok())
            reportRefusal(result.error, result.message);
        return !result.ok();
    }
    void reportRefusal(pb::ErrorCode code, const QString &message);
    // Sends the request; on success prints the answer as one `kind` line and finishes.
    template <class Rpc>
    void callAndPrint(const typename Rpc::Request &request, const QString &kind)
    {
        m_connection.call<Rpc>(request, this, [this, kind](auto result) {
            if (refused(result))
                return;
            m_out.message(kind, result.value);
            emit finish(ExitOk);
        });
    }
    void watch(int forSeconds);
    std::vector<quint64> ids(const QStringList &words, bool *ok);

    // Messaging and groups (climessaging.cpp).
    // nullopt when the verb is not a messaging one.
    static std::optional<QString> validateMessaging(const QStringList &command);
    void runMessaging(const QStringList &command, const CliOptions &options);
    void runGroup(const QStringList &command, const CliOptions &options);
    void sessions(std::shared_ptr<std::vector<pb::Session>> collected, quint64 cursor);
    // Login names to ids, in order; refuses (and finishes) when one is unknown.
    void resolveUsers(const QStringList &names, std::function<void(std::vector<quint64>)> then);
    // "group:ID" or a login name.
    void resolveConversation(const QString &word, std::function<void(pb::Conversation)> then);
    void usageError(const QString &text);

    client::ServerConnection &m_connection;
    CliOutput &m_out;
};

} // namespace confab::cli
