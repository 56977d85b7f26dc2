// Who may connect: the caps on connections in all and on those not logged in yet, in all and per address. Pure
// bookkeeping (the Listener applies it to sockets), so that the policy is tested without any.
#pragma once

#include "net/connection.h"

#include <QHash>
#include <QHostAddress>
#include <QString>

namespace confab::server {

class Admission
{
public:
    enum class Verdict
    {
        Admit,
        AddressFull,  // this address holds its share of connections not logged in yet
        PreLoginFull, // the server holds its share of connections not logged in yet
        ServerFull,   // the server holds all the connections it may
    };

    explicit Admission(const ConnectionLimits &limits);

    // The key an address is counted under: IPv4 addresses each, IPv6 by /64 (one host or home has a whole /64).
    static QString addressKey(const QHostAddress &address);

    // A new connection from `key`; when admitted it counts as not logged in until loggedIn().
    Verdict admit(const QString &key);
    void loggedIn(const QString &key);
    // An admitted connection has gone; `wasLoggedIn` says which count it left.
    void closed(const QString &key, bool wasLoggedIn);

    // At the cap the Listener stops accepting; connections wait in the kernel's backlog instead of being taken
    // only to be dropped, or failing accept() in a loop when the process runs out of descriptors.
    bool isFull() const { return m_total >= m_limits.maxConnections; }
    int total() const { return m_total; }
    int preLogin() const { return m_preLogin; }
    int preLoginFrom(const QString &key) const { return m_preLoginByAddress.value(key); }

private:
    ConnectionLimits m_limits;
    int m_total = 0;
    int m_preLogin = 0;
    QHash<QString, int> m_preLoginByAddress; // only addresses that hold one: it shrinks as they log in or leave
};

} // namespace confab::server
