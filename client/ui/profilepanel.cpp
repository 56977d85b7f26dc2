#include "profilepanel.h"

#include "contactdelegate.h"
#include "model/departmenttreemodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace confab::ui {

using client::DepartmentTreeModel;

namespace {

QString presenceName(int presence)
{
    switch (presence) {
    case pb::PRESENCE_ONLINE:
        return ProfilePanel::tr("Online");
    case pb::PRESENCE_AWAY:
        return ProfilePanel::tr("Away");
    case pb::PRESENCE_BUSY:
        return ProfilePanel::tr("Busy");
    default:
        return ProfilePanel::tr("Offline");
    }
}

} // namespace

ProfilePanel::ProfilePanel(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLabel(this))
    , m_title(new QLabel(this))
    , m_details(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_message(new QPushButton(this))
    , m_buddy(new QPushButton(this))
{
    setObjectName(QStringLiteral("profilePanel"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_details->setObjectName(QStringLiteral("profileDetails"));
    m_message->setObjectName(QStringLiteral("profileSendMessage"));
    m_buddy->setObjectName(QStringLiteral("profileBuddy"));
    connect(m_message, &QPushButton::clicked, this, [this] { emit messageRequested(personId()); });
    connect(m_buddy, &QPushButton::clicked, this, [this] { emit buddyChangeRequested(personId(), !m_isBuddy); });
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_name->setFont(big);
    for (QLabel *label : {m_name, m_title, m_details})
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse);
    m_details->setTextFormat(Qt::RichText);
    m_details->setOpenExternalLinks(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(m_name);
    layout->addWidget(m_title);
    layout->addSpacing(12);
    layout->addWidget(m_details);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message);
    buttons->addWidget(m_buddy);
    buttons->addStretch();
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addWidget(m_hint);
    layout->addStretch();
    refresh();
}

void ProfilePanel::showPerson(const QModelIndex &person)
{
    if (m_person.model())
        disconnect(m_person.model(), nullptr, this, nullptr);
    m_person = person;
    if (person.model()) {
        connect(person.model(), &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    if (m_person.isValid() && m_person.parent() == topLeft.parent() &&
                        m_person.row() >= topLeft.row() && m_person.row() <= bottomRight.row())
                        refresh();
                });
    }
    refresh();
}

quint64 ProfilePanel::personId() const
{
    return m_person.isValid() ? m_person.data(DepartmentTreeModel::IdRole).toULongLong() : 0;
}

void ProfilePanel::setActionsVisible(bool visible)
{
    m_actionsVisible = visible;
    refresh();
}

void ProfilePanel::setBuddy(bool buddy)
{
    m_isBuddy = buddy;
    refresh();
}

void ProfilePanel::refresh()
{
    const bool shown = m_person.isValid();
    m_name->setVisible(shown);
    m_title->setVisible(shown);
    m_details->setVisible(shown);
    m_hint->setVisible(!shown);
    m_message->setVisible(shown && m_actionsVisible);
    m_buddy->setVisible(shown && m_actionsVisible);
    m_message->setText(tr("Send message"));
    m_message->setAccessibleName(tr("Send message"));
    m_buddy->setText(m_isBuddy ? tr("Remove from buddies") : tr("Add to buddies"));
    m_buddy->setAccessibleName(m_buddy->text());
    if (!shown) {
        m_hint->setText(tr("Choose a colleague in Contacts to see their profile."));
        return;
    }
    QStringList path;
    for (QModelIndex at = m_person.parent(); at.isValid(); at = at.parent())
        path.prepend(at.data().toString());
    const int presence = m_person.data(DepartmentTreeModel::PresenceRole).toInt();
    m_name->setText(m_person.data().toString());
    m_title->setText(m_person.data(DepartmentTreeModel::TitleRole).toString());
    const QString email = m_person.data(DepartmentTreeModel::EmailRole).toString().toHtmlEscaped();
    const QString row = QStringLiteral("<tr><td style='padding-right:12px;color:gray'>%1</td><td>%2</td></tr>");
    QString html = QStringLiteral("<table>");
    html += row.arg(tr("Presence"), QStringLiteral("<span style='color:%1'>&#9679;</span> %2")
                                        .arg(ContactDelegate::presenceColor(presence).name(), presenceName(presence)));
    html += row.arg(tr("Department"), path.join(QStringLiteral(" / ")).toHtmlEscaped());
    html += row.arg(tr("Email"), QStringLiteral("<a href='mailto:%1'>%1</a>").arg(email));
    html += row.arg(tr("Phone"), m_person.data(DepartmentTreeModel::PhoneRole).toString().toHtmlEscaped());
    html += row.arg(tr("Sign line"), m_person.data(DepartmentTreeModel::SignLineRole).toString().toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_details->setText(html);
    setAccessibleName(tr("Profile of %1").arg(m_person.data().toString()));
}

void ProfilePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

} // namespace confab::ui
