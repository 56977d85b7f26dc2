// Each user's own contact list: sync by cursor, add and remove, and telling the user's other devices.
#pragma once

#include "rpc/dispatcher.h"
#include "services/servercontext.h"

#include <QObject>

namespace confab::server {

class BuddyService : public QObject
{
    Q_OBJECT

public:
    explicit BuddyService(ServerContext &context, QObject *parent = nullptr);

private:
    template <class Rpc>
    void change(Connection &connection, quint64 buddyId, bool add, Reply<Rpc> reply);

    ServerContext &m_context;
};

} // namespace confab::server
