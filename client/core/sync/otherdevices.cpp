#include "sync/otherdevices.h"

#include "protocol/devicecategory.h"

#include <QPointer>

namespace confab::client {

using namespace protocol;

OtherDevices::OtherDevices(ServerConnection &connection, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
{
    m_connection.pushes().on<oneway::DeviceNotify>(this, [this](const auto &notice) { onDeviceNotice(notice); });
}

int OtherDevices::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_devices.size());
}

QVariant OtherDevices::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const pb::DeviceInfo &d = m_devices[size_t(index.row())];
    const QDateTime since = QDateTime::fromMSecsSinceEpoch(d.since_ms());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        //: A device signed in now: "a phone (Android), since 09:12".
        return tr("%1, since %2")
            .arg(kindName(d.client_type()), QLocale().toString(since.time(), QLocale::ShortFormat));
    case ClientTypeRole:
        return int(d.client_type());
    case SinceRole:
        return since;
    case DeviceNameRole:
        return QString::fromStdString(d.device_name());
    default:
        return {};
    }
}

QString OtherDevices::kindName(pb::ClientType type)
{
    switch (type) {
    case pb::CLIENT_TYPE_WINDOWS:
        return tr("a computer (Windows)");
    case pb::CLIENT_TYPE_MAC:
        return tr("a computer (macOS)");
    case pb::CLIENT_TYPE_LINUX:
        return tr("a computer (Linux)");
    case pb::CLIENT_TYPE_CLI:
        return tr("a command line");
    case pb::CLIENT_TYPE_IOS:
        return tr("a phone (iOS)");
    case pb::CLIENT_TYPE_ANDROID:
        return tr("a phone (Android)");
    case pb::CLIENT_TYPE_WEB:
        return tr("a web browser");
    default:
        return tr("another device");
    }
}

void OtherDevices::signOut(int row, QObject *context, std::function<void(pb::ErrorCode)> done)
{
    if (row < 0 || row >= rowCount())
        return;
    pb::SignOutDeviceRequest request;
    request.set_client_type(m_devices[size_t(row)].client_type());
    m_connection.call<rpc::SignOutDevice>(
        request, this, [context = QPointer<QObject>(context), done](RpcResult<pb::SignOutDeviceResponse> r) {
            if (context)
                done(r.error); // the device's going comes as a DeviceNotify, which removes its row
        });
}

void OtherDevices::setFromLogin(const pb::LoginResponse &response)
{
    setDevices({response.other_devices().begin(), response.other_devices().end()});
}

void OtherDevices::clear()
{
    setDevices({});
}

void OtherDevices::setDevices(std::vector<pb::DeviceInfo> devices)
{
    beginResetModel();
    m_devices = std::move(devices);
    endResetModel();
}

int OtherDevices::rowOf(pb::ClientType type) const
{
    for (size_t i = 0; i < m_devices.size(); ++i) {
        // Devices of one category replace each other, so a category is one row.
        if (deviceCategoryOf(m_devices[i].client_type()) == deviceCategoryOf(type))
            return int(i);
    }
    return -1;
}

void OtherDevices::onDeviceNotice(const pb::DeviceNotice &notice)
{
    const int row = rowOf(notice.device().client_type());
    if (notice.online()) {
        if (row >= 0) { // a newer login of that category replaced the older one
            m_devices[size_t(row)] = notice.device();
            emit dataChanged(index(row), index(row));
            return;
        }
        beginInsertRows({}, rowCount(), rowCount());
        m_devices.push_back(notice.device());
        endInsertRows();
    } else if (row >= 0 && m_devices[size_t(row)].since_ms() <= notice.device().since_ms()) {
        beginRemoveRows({}, row, row);
        m_devices.erase(m_devices.begin() + row);
        endRemoveRows();
    }
}

} // namespace confab::client
