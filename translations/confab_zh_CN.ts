<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Errors</name>
    <message>
        <source>The password is not right. Check it and try again.</source>
        <translation>密码不正确，请检查后重试。</translation>
    </message>
    <message>
        <source>There is no account with that user name.</source>
        <translation>没有使用该用户名的账号。</translation>
    </message>
    <message>
        <source>This account has been disabled. Ask your administrator.</source>
        <translation>该账号已被停用，请联系管理员。</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a moment before trying again.</source>
        <translation>失败次数过多，请稍候再试。</translation>
    </message>
    <message>
        <source>Your saved sign-in has expired. Enter your password.</source>
        <translation>保存的登录已过期，请输入密码。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your network.</source>
        <translation>无法连接服务器，请检查地址和网络。</translation>
    </message>
    <message>
        <source>Signing in failed (error %1).</source>
        <translation>登录失败（错误 %1）。</translation>
    </message>
    <message>
        <source>You signed in on another computer, so this one was signed out.</source>
        <translation>您已在另一台电脑上登录，本机已退出。</translation>
    </message>
    <message>
        <source>Your phone signed this computer out.</source>
        <translation>您的手机已将本机退出登录。</translation>
    </message>
    <message>
        <source>The server is restarting. Sign in again in a moment.</source>
        <translation>服务器正在重启，请稍后重新登录。</translation>
    </message>
    <message>
        <source>You were signed out.</source>
        <translation>您已退出登录。</translation>
    </message>
</context>
<context>
    <name>confab::app::ClientController</name>
    <message>
        <source>Fetching the organisation failed: %1</source>
        <translation>获取组织架构失败：%1</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Fetching %1: %2 of %3</source>
        <translation>正在获取%1：%2 / %3</translation>
    </message>
    <message>
        <source>Fetching %1: %2</source>
        <translation>正在获取%1：%2</translation>
    </message>
    <message>
        <source>Your system keychain is not available, so Confab cannot keep you signed in.</source>
        <translation>系统钥匙串不可用，Confab 无法保持您的登录状态。</translation>
    </message>
    <message>
        <source>Offline: reconnecting to %1…</source>
        <translation>离线：正在重新连接 %1…</translation>
    </message>
</context>
<context>
    <name>confab::ui::LoginWindow</name>
    <message>
        <source>Sign in to Confab</source>
        <translation>登录 Confab</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>同步进度</translation>
    </message>
    <message>
        <source>Enter the server, your user name and your password.</source>
        <translation>请输入服务器、用户名和密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>&amp;Keep me signed in on this computer</source>
        <translation>在此电脑上保持登录(&amp;K)</translation>
    </message>
    <message>
        <source>Keep me signed in</source>
        <translation>保持登录</translation>
    </message>
</context>
<context>
    <name>confab::ui::MainWindow</name>
    <message>
        <source>No sign line</source>
        <translation>暂无签名</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Search people by name, pinyin or email</source>
        <translation>按姓名、拼音或邮箱搜索同事</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>通讯录</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>侧边栏</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织架构</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Your sign line</source>
        <translation>您的签名</translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation>连接状态</translation>
    </message>
</context>
<context>
    <name>confab::ui::ProfilePanel</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Choose a colleague in Contacts to see their profile.</source>
        <translation>在通讯录中选择一位同事以查看其资料。</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Sign line</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Profile of %1</source>
        <translation>%1 的资料</translation>
    </message>
</context>
</TS>
