#include "demo/demoorganisation.h"

#include "services/passwordhasher.h"

#include <QRandomGenerator>
#include <QStringList>

namespace confab::server {

namespace {

struct Name
{
    const char *text;
    const char *pinyin;
};

constexpr Name kSurnames[] = {{"王", "wang"}, {"李", "li"},   {"张", "zhang"}, {"刘", "liu"},  {"陈", "chen"},
                              {"杨", "yang"}, {"赵", "zhao"}, {"黄", "huang"}, {"周", "zhou"}, {"吴", "wu"},
                              {"徐", "xu"},   {"孙", "sun"},  {"胡", "hu"},    {"朱", "zhu"},  {"高", "gao"},
                              {"林", "lin"},  {"何", "he"},   {"郭", "guo"},   {"马", "ma"},   {"罗", "luo"}};
constexpr Name kGiven[] = {{"伟", "wei"},        {"芳", "fang"},     {"娜", "na"},         {"敏", "min"},
                           {"静", "jing"},       {"磊", "lei"},      {"洋", "yang"},       {"艳", "yan"},
                           {"勇", "yong"},       {"军", "jun"},      {"杰", "jie"},        {"娟", "juan"},
                           {"涛", "tao"},        {"明", "ming"},     {"超", "chao"},       {"秀英", "xiuying"},
                           {"晓东", "xiaodong"}, {"海燕", "haiyan"}, {"志强", "zhiqiang"}, {"丽华", "lihua"}};
constexpr const char *kEnglishFirst[] = {"James", "Mary", "John",  "Linda",  "Robert", "Susan", "David", "Karen",
                                         "Peter", "Emma", "Lucas", "Olivia", "Henry",  "Grace", "Oscar", "Chloe"};
constexpr const char *kEnglishLast[] = {"Smith", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Hughes", "Clarke"};
constexpr const char *kDivisions[] = {"研发中心 R&D", "市场部 Marketing", "销售部 Sales", "运营部 Operations",
                                      "人力资源 HR"};
constexpr const char *kTeams[] = {"客户端 Client", "服务端 Server", "测试 QA",       "设计 Design",     "数据 Data",
                                  "华东 East",     "华南 South",    "海外 Overseas", "招聘 Recruiting", "财务 Finance"};
constexpr const char *kSignLines[] = {"Working from the Shanghai office",
                                      "专注做好一件事",
                                      "On leave until Monday",
                                      "Ask me about the release",
                                      "今天也要加油",
                                      "",
                                      "In meetings all afternoon",
                                      ""};

pb::User makeUser(const QString &login, const QString &realName, const QString &pinyin, pb::Gender gender,
                  quint64 department, int index)
{
    pb::User u;
    u.set_login_name(login.toStdString());
    u.set_real_name(realName.toStdString());
    u.set_nick(realName.toStdString());
    u.set_gender(gender);
    u.set_department_id(department);
    u.set_email((login + QStringLiteral("@confab.example")).toStdString());
    u.set_phone(QStringLiteral("+86 138 %1 %2")
                    .arg(1000 + index % 9000, 4, 10, QLatin1Char('0'))
                    .arg(index % 10000, 4, 10, QLatin1Char('0'))
                    .toStdString());
    u.set_pinyin(pinyin.toStdString());
    u.set_sign_line(kSignLines[index % std::size(kSignLines)]);
    u.set_title(index % 7 == 0 ? "Team lead" : "Engineer");
    return u;
}

} // namespace

DemoSummary seedDemoOrganisation(Store &store, int userCount, int hashIterations)
{
    DemoSummary summary;
    if (!store.allDepartments().empty() || store.userByLogin(QStringLiteral("alice"))) {
        summary.alreadySeeded = true;
        return summary;
    }
    userCount = qMax(userCount, 3);

    // About 15 departments for 200 people; one per 20 people for large organisations (5,000 for 100,000).
    const int wantedDepartments = qMax(15, userCount / 20);
    std::vector<quint64> leaves;
    pb::Department root;
    root.set_name("Confab 示例公司 Demo Co.");
    store.upsertDepartment(root);
    ++summary.departments;
    const int divisions = int(std::size(kDivisions));
    const int teamsPerDivision = qMax(2, (wantedDepartments - 1 - divisions) / divisions);
    for (int d = 0; d < divisions; ++d) {
        pb::Department division;
        division.set_name(kDivisions[d]);
        division.set_parent_id(root.id());
        division.set_priority(d);
        store.upsertDepartment(division);
        ++summary.departments;
        for (int t = 0; t < teamsPerDivision; ++t) {
            pb::Department team;
            const QString name = t < int(std::size(kTeams)) ? QString::fromUtf8(kTeams[(t + d * 2) % std::size(kTeams)])
                                                            : QStringLiteral("Team %1-%2").arg(d + 1).arg(t + 1);
            team.set_name(name.toStdString());
            team.set_parent_id(division.id());
            team.set_priority(t);
            store.upsertDepartment(team);
            leaves.push_back(team.id());
            ++summary.departments;
        }
    }

    const QByteArray hash = hashIterations > 0 ? PasswordHasher::hash(QStringLiteral("demo"), hashIterations)
                                               : PasswordHasher::hash(QStringLiteral("demo"));
    const auto addUser = [&](pb::User user) {
        store.upsertUser(user);
        store.setPasswordHash(user.id(), hash);
        ++summary.users;
    };
    addUser(makeUser(QStringLiteral("alice"), QStringLiteral("Alice 王丽"), QStringLiteral("alice wang li"),
                     pb::GENDER_FEMALE, leaves[0], 0));
    addUser(makeUser(QStringLiteral("bob"), QStringLiteral("Bob 李明"), QStringLiteral("bob li ming"), pb::GENDER_MALE,
                     leaves[0], 1));
    addUser(makeUser(QStringLiteral("carol"), QStringLiteral("Carol 陈静"), QStringLiteral("carol chen jing"),
                     pb::GENDER_FEMALE, leaves[std::min<size_t>(1, leaves.size() - 1)], 2));

    QRandomGenerator random(20261122); // the same organisation every time
    for (int i = 3; i < userCount; ++i) {
        const quint64 department = leaves[size_t(i) % leaves.size()];
        const pb::Gender gender = (i % 2) ? pb::GENDER_MALE : pb::GENDER_FEMALE;
        if (i % 3 == 0) {
            const char *first = kEnglishFirst[random.bounded(int(std::size(kEnglishFirst)))];
            const char *last = kEnglishLast[random.bounded(int(std::size(kEnglishLast)))];
            const QString login = QStringLiteral("%1.%2%3")
                                      .arg(QString::fromLatin1(first).toLower(), QString::fromLatin1(last).toLower())
                                      .arg(i);
            addUser(makeUser(login, QStringLiteral("%1 %2").arg(QLatin1String(first), QLatin1String(last)),
                             QStringLiteral("%1 %2").arg(QLatin1String(first), QLatin1String(last)).toLower(), gender,
                             department, i));
        } else {
            const Name &surname = kSurnames[random.bounded(int(std::size(kSurnames)))];
            const Name &given = kGiven[random.bounded(int(std::size(kGiven)))];
            const QString pinyin =
                QStringLiteral("%1 %2").arg(QLatin1String(surname.pinyin), QLatin1String(given.pinyin));
            const QString login =
                QStringLiteral("%1%2%3").arg(QLatin1String(surname.pinyin), QLatin1String(given.pinyin)).arg(i);
            addUser(makeUser(login, QString::fromUtf8(surname.text) + QString::fromUtf8(given.text), pinyin, gender,
                             department, i));
        }
    }
    return summary;
}

} // namespace confab::server
