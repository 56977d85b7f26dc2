#include "sync/ownpresence.h"

namespace confab::client {

using namespace protocol;

OwnPresence::OwnPresence(ServerConnection &connection, Session &session, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_session(session)
{
    connect(&m_session, &Session::online, this, [this](const pb::LoginResponse &response, bool) {
        m_selfId = response.user().id();
        const pb::Presence served =
            response.presence() == pb::PRESENCE_OFFLINE ? pb::PRESENCE_ONLINE : response.presence();
        m_session.setInitialPresence(pb::PRESENCE_OFFLINE); // from now on the server keeps the choice
        const std::optional<pb::Presence> pending = std::exchange(m_pending, std::nullopt);
        if (pending && *pending != served)
            choose(*pending); // chosen while this sign-in was already on its way
        else
            show(served);
    });
    m_connection.pushes().on<oneway::PresenceNotify>(this, [this](const pb::PresenceNotify &notify) {
        if (m_selfId != 0 && notify.presence().user_id() == m_selfId &&
            notify.presence().presence() != pb::PRESENCE_OFFLINE)
            show(notify.presence().presence()); // chosen on another device
    });
}

void OwnPresence::setRemembered(pb::Presence presence)
{
    if (presence != pb::PRESENCE_OFFLINE && pb::Presence_IsValid(presence))
        show(presence);
}

void OwnPresence::choose(pb::Presence presence)
{
    show(presence);
    const int choice = ++m_choices;
    if (m_session.state() != Session::State::Online) {
        keepForNextSignIn(presence);
        return;
    }
    pb::SetPresenceRequest request;
    request.set_presence(presence);
    m_connection.call<rpc::SetPresence>(request, this, [this, presence, choice](RpcResult<pb::SetPresenceResponse> r) {
        if (choice != m_choices)
            return; // a later choice is on its way
        if (r.ok()) {
            show(r.value.presence());
        } else if (r.error == pb::ERROR_UNAVAILABLE) {
            keepForNextSignIn(presence); // the connection went: the next sign-in carries it
        } else {
            emit refused(r.error);
        }
    });
}

void OwnPresence::keepForNextSignIn(pb::Presence presence)
{
    m_pending = presence;
    m_session.setInitialPresence(presence);
}

void OwnPresence::show(pb::Presence presence)
{
    if (m_presence == presence)
        return;
    m_presence = presence;
    emit changed(presence);
}

} // namespace confab::client
