// Pinyin helpers shared by the in-memory people filter and the cache's people index.
#pragma once

#include <QString>

#include <string>

namespace confab::client {

// "zhang san" -> "zs": the first letter of each syllable, as people type a Chinese name quickly.
inline QString pinyinInitials(const std::string &pinyin)
{
    QString initials;
    for (const QString &syllable : QString::fromStdString(pinyin).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        initials += syllable.front();
    return initials;
}

} // namespace confab::client
