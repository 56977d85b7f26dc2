// Pinyin helpers shared by the in-memory people filter and the cache's people index.
#pragma once

#include <QString>

#include <string>

namespace confab::client {

// "zhang san" -> "zs": the first letter of each syllable, as people type a Chinese name quickly.
inline QString pinyinInitials(const QString &pinyin)
{
    QString initials;
    for (const QString &syllable : pinyin.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        initials += syllable.front();
    return initials;
}
inline QString pinyinInitials(const std::string &pinyin)
{
    return pinyinInitials(QString::fromStdString(pinyin));
}

} // namespace confab::client
