#include "errortext.h"

#include <QCoreApplication>
#include <QLocale>

namespace confab::ui {

QString loginErrorText(pb::ErrorCode code)
{
    switch (code) {
    case pb::ERROR_WRONG_PASSWORD:
    case pb::ERROR_UNKNOWN_USER: // older servers told the two apart; this one does not say which names exist
        return QCoreApplication::translate("Errors",
                                           "The user name or the password is not right. Check them and try again.");
    case pb::ERROR_TOO_MANY_CONNECTIONS:
        return QCoreApplication::translate("Errors", "The server is busy. Try again in a moment.");
    case pb::ERROR_USER_DISABLED:
        return QCoreApplication::translate("Errors", "This account has been disabled. Ask your administrator.");
    case pb::ERROR_TOO_MANY_ATTEMPTS:
        return QCoreApplication::translate("Errors", "Too many failed attempts. Wait a moment before trying again.");
    case pb::ERROR_INVALID_TOKEN:
        return QCoreApplication::translate("Errors", "Your saved sign-in has expired. Enter your password.");
    case pb::ERROR_UNAVAILABLE:
        return QCoreApplication::translate("Errors",
                                           "The server cannot be reached. Check the address and your network.");
    default:
        return QCoreApplication::translate("Errors", "Signing in failed (error %1).").arg(int(code));
    }
}

QString droppedBeforeSignInText(bool tls, const QString &address)
{
    if (tls)
        return QCoreApplication::translate("Errors",
                                           "The server at %1 closed the connection before you were signed in. If it "
                                           "serves plain text (started with --insecure), write tcp://%1.")
            .arg(address);
    return QCoreApplication::translate("Errors",
                                       "The server at %1 closed the connection before you were signed in. Servers "
                                       "use TLS unless started with --insecure: write %1 without tcp://.")
        .arg(address);
}

QString kickText(pb::KickReason reason)
{
    switch (reason) {
    case pb::KICK_REASON_DUPLICATE_LOGIN:
        return QCoreApplication::translate("Errors", "You signed in on another computer, so this one was signed out.");
    case pb::KICK_REASON_MOBILE_KICK:
        return QCoreApplication::translate("Errors", "Your phone signed this computer out.");
    case pb::KICK_REASON_ACCOUNT_DISABLED:
        return QCoreApplication::translate("Errors", "This account has been disabled. Ask your administrator.");
    case pb::KICK_REASON_SERVER_SHUTDOWN:
        return QCoreApplication::translate("Errors", "The server is restarting. Sign in again in a moment.");
    case pb::KICK_REASON_SIGNED_OUT_ELSEWHERE:
        return QCoreApplication::translate("Errors", "You signed this computer out from another device.");
    case pb::KICK_REASON_PASSWORD_CHANGED:
        return QCoreApplication::translate("Errors",
                                           "Your password was changed, so every device was signed out. Sign in with "
                                           "the new password.");
    default:
        return QCoreApplication::translate("Errors", "You were signed out.");
    }
}

QString actionErrorText(int code)
{
    switch (code) {
    case pb::ERROR_MESSAGE_TOO_LARGE:
        return QCoreApplication::translate("Errors", "the message is too long");
    case pb::ERROR_EMPTY_MESSAGE:
        return QCoreApplication::translate("Errors", "the message is empty");
    case pb::ERROR_UNKNOWN_RECIPIENT:
        return QCoreApplication::translate("Errors", "this person is no longer with the company");
    case pb::ERROR_SELF_MESSAGE:
        return QCoreApplication::translate("Errors", "you cannot write to yourself");
    case pb::ERROR_UNKNOWN_GROUP:
        return QCoreApplication::translate("Errors", "the group no longer exists");
    case pb::ERROR_NOT_GROUP_MEMBER:
        return QCoreApplication::translate("Errors", "you are not a member of this group");
    case pb::ERROR_NOT_GROUP_OWNER:
    case pb::ERROR_PERMISSION_DENIED:
        return QCoreApplication::translate("Errors", "only the group's owner or admins may do that");
    case pb::ERROR_FIELD_TOO_LARGE:
        return QCoreApplication::translate("Errors", "it is longer than the server allows");
    case pb::ERROR_RATE_LIMITED:
        return QCoreApplication::translate("Errors", "you are sending too fast; wait a moment");
    case pb::ERROR_INVALID_ARGUMENT:
    case pb::ERROR_UNKNOWN_VALUE:
        return QCoreApplication::translate("Errors", "the server did not accept it");
    case pb::ERROR_UNAVAILABLE:
        return QCoreApplication::translate("Errors", "the server cannot be reached");
    default:
        return QCoreApplication::translate("Errors", "error %1").arg(code);
    }
}

QString syncProgressText(pb::DataSet dataSet, quint64 rows, quint64 expected)
{
    // One sentence per data set, never a noun pasted into a frame: word order and measure words differ by language.
    const QLocale locale;
    const QString done = locale.toString(qulonglong(rows));
    const QString all = locale.toString(qulonglong(expected));
    const bool known = expected > 0;
    switch (dataSet) {
    case pb::DATA_SET_DEPARTMENTS:
        return known ? QCoreApplication::translate("SyncProgress", "Fetching departments: %1 of %2").arg(done, all)
                     : QCoreApplication::translate("SyncProgress", "Fetching departments: %1").arg(done);
    case pb::DATA_SET_USERS:
        return known ? QCoreApplication::translate("SyncProgress", "Fetching people: %1 of %2").arg(done, all)
                     : QCoreApplication::translate("SyncProgress", "Fetching people: %1").arg(done);
    case pb::DATA_SET_SESSIONS:
        return known ? QCoreApplication::translate("SyncProgress", "Fetching recent conversations: %1 of %2")
                           .arg(done, all)
                     : QCoreApplication::translate("SyncProgress", "Fetching recent conversations: %1").arg(done);
    case pb::DATA_SET_GROUPS:
        return known ? QCoreApplication::translate("SyncProgress", "Fetching groups: %1 of %2").arg(done, all)
                     : QCoreApplication::translate("SyncProgress", "Fetching groups: %1").arg(done);
    default:
        return known ? QCoreApplication::translate("SyncProgress", "Fetching contacts: %1 of %2").arg(done, all)
                     : QCoreApplication::translate("SyncProgress", "Fetching contacts: %1").arg(done);
    }
}

} // namespace confab::ui
