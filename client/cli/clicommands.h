// confab-cli's commands, run on a logged-in connection. Each finishes by calling `finish` with an exit code.
#pragma once

#include "clioutput.h"
#include "net/serverconnection.h"

#include <QObject>
#include <QStringList>

namespace confab::cli {

// Documented in --help; scripts rely on them.
enum ExitCode
{
    ExitOk = 0,
    ExitRefused = 1, // the server refused the request (the error code is printed)
    ExitUsage = 2,
    ExitUnreachable = 3, // could not connect, or the connection dropped
    ExitLoginFailed = 4,
};

class CliCommands : public QObject
{
    Q_OBJECT

public:
    CliCommands(client::ServerConnection &connection, CliOutput &out, QObject *parent = nullptr);

    // Validates the command line before anything connects; an error message for the user, or empty.
    static QString validate(const QStringList &command);

    void run(const QStringList &command, quint64 since, int forSeconds);

signals:
    void finish(int exitCode);

private:
    template <class Rpc, class AddRows>
    void syncPages(const QString &kind, quint64 cursor, quint64 rowsSoFar, AddRows printRows);
    template <class Response>
    bool refused(const client::RpcResult<Response> &result);
    void watch(int forSeconds);
    std::vector<quint64> ids(const QStringList &words, bool *ok);

    client::ServerConnection &m_connection;
    CliOutput &m_out;
};

} // namespace confab::cli
