<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Errors</name>
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
    <message>
        <source>the message is too long</source>
        <translation>消息太长</translation>
    </message>
    <message>
        <source>the message is empty</source>
        <translation>消息是空的</translation>
    </message>
    <message>
        <source>this person is no longer with the company</source>
        <translation>此人已离职</translation>
    </message>
    <message>
        <source>you cannot write to yourself</source>
        <translation>不能给自己发消息</translation>
    </message>
    <message>
        <source>the group no longer exists</source>
        <translation>该群组已不存在</translation>
    </message>
    <message>
        <source>you are not a member of this group</source>
        <translation>你不是该群组的成员</translation>
    </message>
    <message>
        <source>only the group&apos;s owner or admins may do that</source>
        <translation>只有群主或管理员可以这样做</translation>
    </message>
    <message>
        <source>the server did not accept it</source>
        <translation>服务器未接受</translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <source>error %1</source>
        <translation>错误 %1</translation>
    </message>
    <message>
        <source>You signed this computer out from another device.</source>
        <translation>你已在另一台设备上将这台电脑退出登录。</translation>
    </message>
    <message>
        <source>The user name or the password is not right. Check them and try again.</source>
        <translation>用户名或密码不正确，请检查后重试。</translation>
    </message>
    <message>
        <source>The server is busy. Try again in a moment.</source>
        <translation>服务器繁忙，请稍后再试。</translation>
    </message>
    <message>
        <source>it is longer than the server allows</source>
        <translation>内容超过了服务器允许的长度</translation>
    </message>
    <message>
        <source>you are sending too fast; wait a moment</source>
        <translation>发送太快了，请稍等片刻</translation>
    </message>
    <message>
        <source>The server at %1 closed the connection before you were signed in. If it serves plain text (started with --insecure), write tcp://%1.</source>
        <translation>服务器 %1 在您登录之前关闭了连接。如果它使用明文（以 --insecure 启动），请填写 tcp://%1。</translation>
    </message>
    <message>
        <source>The server at %1 closed the connection before you were signed in. Servers use TLS unless started with --insecure: write %1 without tcp://.</source>
        <translation>服务器 %1 在您登录之前关闭了连接。服务器默认使用 TLS（除非以 --insecure 启动）：请填写 %1，不要加 tcp://。</translation>
    </message>
    <message>
        <source>Your password was changed, so every device was signed out. Sign in with the new password.</source>
        <translation>您的密码已更改，所有设备都已退出登录。请用新密码登录。</translation>
    </message>
</context>
<context>
    <name>RowDescription</name>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>away</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>invisible</source>
        <translation>隐身</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>1 unread message</source>
        <translation>1 条未读消息</translation>
    </message>
    <message>
        <source>%1 unread messages</source>
        <translation>%1 条未读消息</translation>
    </message>
    <message>
        <source>last message: %1</source>
        <translation>最后一条消息：%1</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 名成员</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 名成员</translation>
    </message>
    <message>
        <source>1 person</source>
        <translation>1 人</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>已免打扰</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>Between the parts of a row&apos;s spoken description: &quot;Bob, online, 2 unread messages&quot;.</extracomment>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ServerEndpoint</name>
    <message>
        <source>&quot;%1&quot; is not a server address such as chat.example.com:7210</source>
        <translation>“%1”不是服务器地址，应类似 chat.example.com:7210</translation>
    </message>
    <message>
        <source>Unknown scheme &quot;%1&quot;: write host:port for TLS, tcp://host:port for plain text, or a wss:// or ws:// address.</source>
        <translation>未知的协议“%1”：TLS 连接请填写 host:port，明文连接请填写 tcp://host:port，或者填写 wss:// 或 ws:// 地址。</translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <source>Fetching departments: %1 of %2</source>
        <translation>正在获取部门：%1 / %2</translation>
    </message>
    <message>
        <source>Fetching departments: %1</source>
        <translation>正在获取部门：%1</translation>
    </message>
    <message>
        <source>Fetching people: %1 of %2</source>
        <translation>正在获取人员：%1 / %2</translation>
    </message>
    <message>
        <source>Fetching people: %1</source>
        <translation>正在获取人员：%1</translation>
    </message>
    <message>
        <source>Fetching recent conversations: %1 of %2</source>
        <translation>正在获取最近会话：%1 / %2</translation>
    </message>
    <message>
        <source>Fetching recent conversations: %1</source>
        <translation>正在获取最近会话：%1</translation>
    </message>
    <message>
        <source>Fetching groups: %1 of %2</source>
        <translation>正在获取群组：%1 / %2</translation>
    </message>
    <message>
        <source>Fetching groups: %1</source>
        <translation>正在获取群组：%1</translation>
    </message>
    <message>
        <source>Fetching contacts: %1 of %2</source>
        <translation>正在获取联系人：%1 / %2</translation>
    </message>
    <message>
        <source>Fetching contacts: %1</source>
        <translation>正在获取联系人：%1</translation>
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
        <source>Your system keychain is not available, so Confab cannot keep you signed in.</source>
        <translation>系统钥匙串不可用，Confab 无法保持您的登录状态。</translation>
    </message>
    <message>
        <source>Offline: reconnecting to %1…</source>
        <translation>离线：正在重新连接 %1…</translation>
    </message>
    <message>
        <source>(%1) Confab</source>
        <translation>(%1) Confab</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Your sign line could not be saved: %1</source>
        <translation>个性签名未能保存：%1</translation>
    </message>
    <message>
        <source>The server %1 presented a certificate this computer does not trust.</source>
        <translation>服务器 %1 出示的证书不受这台电脑信任。</translation>
    </message>
    <message>
        <source>Trust it only if its fingerprint is the one your administrator gave you:
%1

Issued to: %2</source>
        <translation>只有当指纹与管理员提供的一致时才信任它：
%1

颁发给：%2</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>信任此证书</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not trusted, so Confab did not connect.</source>
        <translation>服务器证书未被信任，Confab 没有连接。</translation>
    </message>
    <message>
        <source>Confab is already running for %1 on this computer; that window was brought to the front.</source>
        <translation>这台电脑上已经有一个为 %1 运行的 Confab；已切换到那个窗口。</translation>
    </message>
    <message>
        <source>Your presence could not be changed: %1</source>
        <translation>无法更改你的在线状态：%1</translation>
    </message>
</context>
<context>
    <name>confab::client::DisplayNames</name>
    <message>
        <source>User %1</source>
        <extracomment>A person the directory does not show (not synced yet, or no longer with the company); %1 is their id.</extracomment>
        <translation>用户 %1</translation>
    </message>
    <message>
        <source>Group %1</source>
        <extracomment>A group whose details have not arrived yet; %1 is its id.</extracomment>
        <translation>群组 %1</translation>
    </message>
</context>
<context>
    <name>confab::client::OtherDevices</name>
    <message>
        <source>%1, since %2</source>
        <extracomment>A device signed in now: &quot;a phone (Android), since 09:12&quot;.</extracomment>
        <translation>%1，自 %2 起</translation>
    </message>
    <message>
        <source>a computer (Windows)</source>
        <translation>电脑（Windows）</translation>
    </message>
    <message>
        <source>a computer (macOS)</source>
        <translation>电脑（macOS）</translation>
    </message>
    <message>
        <source>a computer (Linux)</source>
        <translation>电脑（Linux）</translation>
    </message>
    <message>
        <source>a command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>a phone (iOS)</source>
        <translation>手机（iOS）</translation>
    </message>
    <message>
        <source>a phone (Android)</source>
        <translation>手机（Android）</translation>
    </message>
    <message>
        <source>a web browser</source>
        <translation>网页浏览器</translation>
    </message>
    <message>
        <source>another device</source>
        <translation>其他设备</translation>
    </message>
</context>
<context>
    <name>confab::ui::ChatPanel</name>
    <message>
        <source>Copy text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <source>View profile</source>
        <translation>查看资料</translation>
    </message>
    <message>
        <source>Conversation with %1</source>
        <translation>与 %1 的会话</translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation>
            <numerusform>%n 位成员</numerusform>
        </translation>
    </message>
    <message>
        <source>Announcement: %1</source>
        <translation>群公告：%1</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 正在输入…</translation>
    </message>
    <message>
        <source>Unmute notifications</source>
        <translation>取消免打扰</translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation>消息免打扰</translation>
    </message>
    <message>
        <source>Invite people…</source>
        <translation>邀请成员…</translation>
    </message>
    <message>
        <source>Remove a member…</source>
        <translation>移除成员…</translation>
    </message>
    <message>
        <source>Rename group…</source>
        <translation>修改群名称…</translation>
    </message>
    <message>
        <source>Edit announcement…</source>
        <translation>编辑群公告…</translation>
    </message>
    <message>
        <source>Dissolve group…</source>
        <translation>解散群组…</translation>
    </message>
    <message>
        <source>Leave group…</source>
        <translation>退出群组…</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>That did not work: %1.</source>
        <translation>操作未成功：%1。</translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation>修改群名称</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>群公告</translation>
    </message>
    <message>
        <source>What every member should know:</source>
        <translation>每位成员都应知道的事：</translation>
    </message>
    <message>
        <source>Dissolve %1 for everyone? This cannot be undone.</source>
        <translation>要为所有人解散“%1”吗？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Leave %1? You will no longer get its messages.</source>
        <translation>要退出“%1”吗？你将不再收到它的消息。</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发消息</translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation>发送（Enter）；Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>输入消息</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Conversation actions</source>
        <translation>会话操作</translation>
    </message>
    <message>
        <source>Open in its own window</source>
        <translation>在独立窗口中打开</translation>
    </message>
    <message>
        <source>Conversation name</source>
        <translation>会话名称</translation>
    </message>
    <message>
        <source>Choose a conversation, or a colleague in Contacts, to start chatting.</source>
        <translation>选择一个会话，或在通讯录中选择一位同事，开始聊天。</translation>
    </message>
    <message>
        <source>Hand the group over…</source>
        <translation>转让群组…</translation>
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
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
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
    <message>
        <source>The group could not be created (error %1).</source>
        <translation>无法创建群组（错误 %1）。</translation>
    </message>
    <message>
        <source>Search people, groups and messages</source>
        <translation>搜索同事、群组和消息</translation>
    </message>
    <message>
        <source>What are you working on?</source>
        <translation>你在忙什么？</translation>
    </message>
    <message>
        <source>Your presence</source>
        <translation>你的在线状态</translation>
    </message>
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
        <source>Invisible</source>
        <translation>隐身</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation>你的头像</translation>
    </message>
</context>
<context>
    <name>confab::ui::MemberPicker</name>
    <message>
        <source>Remove a member</source>
        <translation>移除成员</translation>
    </message>
    <message>
        <source>Who should leave the group?</source>
        <translation>要将谁移出群组？</translation>
    </message>
    <message>
        <source>Members of the group</source>
        <translation>群组成员</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1（%2，%3）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Hand the group over</source>
        <translation>转让群组</translation>
    </message>
    <message>
        <source>Who should own the group? You stay in it as an admin.</source>
        <translation>谁来做群主？您将作为管理员留在群里。</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>转让</translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <source>Not sent: %1. Click to try again.</source>
        <translation>未发送：%1。点击重试。</translation>
    </message>
    <message numerus="yes">
        <source>%1 · Read by %n</source>
        <translation>
            <numerusform>%1 · %n 人已读</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · Read</source>
        <translation>%1 · 已读</translation>
    </message>
    <message>
        <source>Read by %1</source>
        <translation>%1 已读</translation>
    </message>
</context>
<context>
    <name>confab::ui::OtherDevicesButton</name>
    <message>
        <source>Also signed in on: %1</source>
        <translation>同时登录于：%1</translation>
    </message>
    <message>
        <source>Your other devices signed in now. Choose one to sign it out.</source>
        <translation>你当前已登录的其他设备。选择一台可将其退出登录。</translation>
    </message>
    <message>
        <source>Sign out %1</source>
        <translation>退出 %1</translation>
    </message>
    <message>
        <source>The other device could not be signed out: %1</source>
        <translation>无法将另一台设备退出登录：%1</translation>
    </message>
</context>
<context>
    <name>confab::ui::PeoplePicker</name>
    <message>
        <source>New group</source>
        <translation>新建群组</translation>
    </message>
    <message>
        <source>Invite people</source>
        <translation>邀请成员</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>搜索同事</translation>
    </message>
    <message>
        <source>Search people by name, pinyin or email</source>
        <translation>按姓名、拼音或邮箱搜索同事</translation>
    </message>
    <message>
        <source>People to choose from</source>
        <translation>可选择的同事</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>创建群组</translation>
    </message>
    <message>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <source>%n people chosen</source>
        <translation>
            <numerusform>已选择 %n 人</numerusform>
        </translation>
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
    <message>
        <source>Send message</source>
        <translation>发消息</translation>
    </message>
    <message>
        <source>Remove from buddies</source>
        <translation>从好友中移除</translation>
    </message>
    <message>
        <source>Add to buddies</source>
        <translation>加为好友</translation>
    </message>
</context>
<context>
    <name>confab::ui::SessionDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
</context>
<context>
    <name>confab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Show desktop notifications for new messages</source>
        <translation>新消息时显示桌面通知</translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation>桌面通知</translation>
    </message>
    <message>
        <source>Start minimised to the tray</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation>启动时最小化</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>当前登录：%1</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>confab::ui::Sidebar</name>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消免打扰</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>免打扰</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>通讯录</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>群组</translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation>侧边栏</translation>
    </message>
    <message>
        <source>Recent conversations</source>
        <translation>最近会话</translation>
    </message>
    <message>
        <source>Buddies</source>
        <translation>好友</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织架构</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>新建群组…</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>新建群组</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>No conversations yet. Find a colleague under Contacts, or create a group under Groups, and write the first message.</source>
        <translation>还没有会话。在“通讯录”中找到同事，或在“群组”中创建群组，然后发出第一条消息。</translation>
    </message>
    <message>
        <source>No buddies yet. Open a colleague&apos;s profile in the organisation below and add them as a buddy.</source>
        <translation>还没有好友。在下方的组织架构中打开同事的资料卡，将其添加为好友。</translation>
    </message>
    <message>
        <source>You are not in any group yet. Create one with New group and invite colleagues.</source>
        <translation>你还没有加入任何群组。点击“新建群组”创建一个并邀请同事。</translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;. Search looks through people&apos;s names, pinyin and email, group names and the messages on this computer.</source>
        <translation>没有与“%1”匹配的结果。搜索范围包括人员的姓名、拼音和邮箱、群组名称以及本机上的消息。</translation>
    </message>
</context>
<context>
    <name>confab::ui::TrayIcon</name>
    <message>
        <source>Show Confab</source>
        <translation>显示 Confab</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <source>Confab: %n unread</source>
        <translation>
            <numerusform>Confab：%n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
</context>
</TS>
