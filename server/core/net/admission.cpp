#include "net/admission.h"

namespace confab::server {

Admission::Admission(const ConnectionLimits &limits)
    : m_limits(limits)
{}

QString Admission::addressKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // IPv4-mapped IPv6 counts as the IPv4 address it is
    if (isV4)
        return QHostAddress(v4).toString();
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address.toString();
    Q_IPV6ADDR bytes = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

Admission::Verdict Admission::admit(const QString &key)
{
    if (isFull())
        return Verdict::ServerFull;
    if (m_preLogin >= m_limits.maxPreLogin)
        return Verdict::PreLoginFull;
    int &fromAddress = m_preLoginByAddress[key];
    if (fromAddress >= m_limits.maxPreLoginPerAddress)
        return Verdict::AddressFull;
    ++fromAddress;
    ++m_preLogin;
    ++m_total;
    return Verdict::Admit;
}

void Admission::loggedIn(const QString &key)
{
    const auto it = m_preLoginByAddress.find(key);
    if (it == m_preLoginByAddress.end())
        return;
    --m_preLogin;
    if (--it.value() <= 0)
        m_preLoginByAddress.erase(it);
}

void Admission::closed(const QString &key, bool wasLoggedIn)
{
    --m_total;
    if (!wasLoggedIn)
        loggedIn(key); // it leaves the pre-login count as a login would
}

} // namespace confab::server
