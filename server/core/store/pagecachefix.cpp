#include "store/pagecachefix.h"

#include <mutex>
#include <sqlite3.h>

namespace confab::server {

namespace {

sqlite3_pcache_methods2 g_default; // SQLite's own cache, which does the work

// A cache of ours wraps one of the default's. Only the connection that owns a cache uses it (SQLite serialises
// access per connection), so these fields need no lock.
struct Cache
{
    sqlite3_pcache *inner = nullptr;
    unsigned parkingKey = 0; // where the B-tree parks a page while renumbering: past the lock byte
    unsigned highestKey = 0; // the highest page number held, leaving out one parked for a moment
    bool parked = false;     // a page is at parkingKey now
};

Cache *cacheOf(sqlite3_pcache *p)
{
    return reinterpret_cast<Cache *>(p);
}

int xInit(void *)
{
    return g_default.xInit(g_default.pArg);
}
void xShutdown(void *)
{
    if (g_default.xShutdown)
        g_default.xShutdown(g_default.pArg);
}
sqlite3_pcache *xCreate(int pageSize, int extraSize, int purgeable)
{
    sqlite3_pcache *inner = g_default.xCreate(pageSize, extraSize, purgeable);
    if (!inner)
        return nullptr;
    auto *cache = new Cache;
    cache->inner = inner;
    // SQLite's PENDING_BYTE (1 GiB) over the page size, plus one: PAGER_SJ_PGNO / PENDING_BYTE_PAGE.
    cache->parkingKey = pageSize > 0 ? unsigned(0x40000000 / pageSize) + 1 : 0;
    return reinterpret_cast<sqlite3_pcache *>(cache);
}
void xCachesize(sqlite3_pcache *p, int size)
{
    g_default.xCachesize(cacheOf(p)->inner, size);
}
int xPagecount(sqlite3_pcache *p)
{
    return g_default.xPagecount(cacheOf(p)->inner);
}
sqlite3_pcache_page *xFetch(sqlite3_pcache *p, unsigned key, int createFlag)
{
    Cache *cache = cacheOf(p);
    sqlite3_pcache_page *page = g_default.xFetch(cache->inner, key, createFlag);
    if (page && key > cache->highestKey && key != cache->parkingKey)
        cache->highestKey = key;
    return page;
}
void xUnpin(sqlite3_pcache *p, sqlite3_pcache_page *page, int discard)
{
    g_default.xUnpin(cacheOf(p)->inner, page, discard);
}
void xRekey(sqlite3_pcache *p, sqlite3_pcache_page *page, unsigned oldKey, unsigned newKey)
{
    Cache *cache = cacheOf(p);
    g_default.xRekey(cache->inner, page, oldKey, newKey);
    if (oldKey == cache->parkingKey)
        cache->parked = false;
    if (newKey == cache->parkingKey)
        cache->parked = true;
    else if (newKey > cache->highestKey)
        cache->highestKey = newKey;
}
void xTruncate(sqlite3_pcache *p, unsigned limit)
{
    Cache *cache = cacheOf(p);
    if (limit > cache->highestKey && !cache->parked)
        return; // nothing at or past the limit: what the default would find after walking every bucket
    g_default.xTruncate(cache->inner, limit);
    if (limit > 0 && limit - 1 < cache->highestKey)
        cache->highestKey = limit - 1;
    if (limit <= cache->parkingKey)
        cache->parked = false;
}
void xDestroy(sqlite3_pcache *p)
{
    Cache *cache = cacheOf(p);
    g_default.xDestroy(cache->inner);
    delete cache;
}
void xShrink(sqlite3_pcache *p)
{
    g_default.xShrink(cacheOf(p)->inner);
}

} // namespace

bool installPageCacheFix()
{
    static std::once_flag once;
    static bool installed = false;
    std::call_once(once, [] {
        if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &g_default) != SQLITE_OK || !g_default.xCreate)
            return;
        static sqlite3_pcache_methods2 wrapper{};
        wrapper.iVersion = 1;
        wrapper.pArg = nullptr;
        wrapper.xInit = xInit;
        wrapper.xShutdown = xShutdown;
        wrapper.xCreate = xCreate;
        wrapper.xCachesize = xCachesize;
        wrapper.xPagecount = xPagecount;
        wrapper.xFetch = xFetch;
        wrapper.xUnpin = xUnpin;
        wrapper.xRekey = xRekey;
        wrapper.xTruncate = xTruncate;
        wrapper.xDestroy = xDestroy;
        wrapper.xShrink = xShrink;
        // Refused (SQLITE_MISUSE) once SQLite is initialised: then the default cache stays, slower but correct.
        installed = sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapper) == SQLITE_OK;
    });
    return installed;
}

} // namespace confab::server
