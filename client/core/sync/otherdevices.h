// The person's other devices signed in right now, as a list model: from the sign-in's answer, then as the server
// tells of each one coming and going (DeviceNotify). A device of another category can be signed out from here; it
// is kicked and needs the password again.
#pragma once

#include "net/serverconnection.h"

#include <QAbstractListModel>
#include <QDateTime>

#include <vector>

namespace confab::client {

class OtherDevices : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        ClientTypeRole = Qt::UserRole + 1, // int (pb::ClientType)
        SinceRole,                         // QDateTime
        DeviceNameRole,                    // QString as the device calls itself ("Alice's laptop")
    };

    explicit OtherDevices(ServerConnection &connection, QObject *parent = nullptr);

    // After every sign-in: the devices its answer named (the ones that sign in later arrive as pushes).
    void setFromLogin(const pb::LoginResponse &response);
    // Signed out: nothing to show until the next sign-in says.
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Signs out the device of `row`; `done` runs with the outcome unless `context` is gone by then.
    void signOut(int row, QObject *context, std::function<void(pb::ErrorCode)> done);

    // "a laptop (Linux)" style name of a kind of device, for lists and sentences.
    static QString kindName(pb::ClientType type);

private:
    void setDevices(std::vector<pb::DeviceInfo> devices);
    void onDeviceNotice(const pb::DeviceNotice &notice);
    int rowOf(pb::ClientType type) const;

    ServerConnection &m_connection;
    std::vector<pb::DeviceInfo> m_devices;
};

} // namespace confab::client
