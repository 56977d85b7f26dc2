<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Errors</name>
    <message>
        <source>This account has been disabled. Ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a moment before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved sign-in has expired. Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the address and your network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in failed (error %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed in on another computer, so this one was signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your phone signed this computer out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is restarting. Sign in again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the message is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this person is no longer with the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you cannot write to yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the group no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you are not a member of this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only the group&apos;s owner or admins may do that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not accept it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server cannot be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You signed this computer out from another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or the password is not right. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is longer than the server allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you are sending too fast; wait a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 closed the connection before you were signed in. If it serves plain text (started with --insecure), write tcp://%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 closed the connection before you were signed in. Servers use TLS unless started with --insecure: write %1 without tcp://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password was changed, so every device was signed out. Sign in with the new password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowDescription</name>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 unread message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unread messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>muted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>Between the parts of a row&apos;s spoken description: &quot;Bob, online, 2 unread messages&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerEndpoint</name>
    <message>
        <source>&quot;%1&quot; is not a server address such as chat.example.com:7210</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown scheme &quot;%1&quot;: write host:port for TLS, tcp://host:port for plain text, or a wss:// or ws:// address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <source>Fetching departments: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching departments: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching people: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching people: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching recent conversations: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching recent conversations: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching groups: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching groups: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching contacts: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching contacts: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::app::ClientController</name>
    <message>
        <source>Fetching the organisation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your system keychain is not available, so Confab cannot keep you signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: reconnecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1) Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign line could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server %1 presented a certificate this computer does not trust.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust it only if its fingerprint is the one your administrator gave you:
%1

Issued to: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate was not trusted, so Confab did not connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab is already running for %1 on this computer; that window was brought to the front.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your presence could not be changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::client::DisplayNames</name>
    <message>
        <source>User %1</source>
        <extracomment>A person the directory does not show (not synced yet, or no longer with the company); %1 is their id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1</source>
        <extracomment>A group whose details have not arrived yet; %1 is its id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::client::OtherDevices</name>
    <message>
        <source>%1, since %2</source>
        <extracomment>A device signed in now: &quot;a phone (Android), since 09:12&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a computer (Windows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a computer (macOS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a computer (Linux)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a phone (iOS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a phone (Android)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a web browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::ChatPanel</name>
    <message>
        <source>Copy text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n members</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Announcement: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a member…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit announcement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissolve group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What every member should know:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissolve %1 for everyone? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1? You will no longer get its messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in its own window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a conversation, or a colleague in Contacts, to start chatting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the group over…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::LoginWindow</name>
    <message>
        <source>Sign in to Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server, your user name and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep me signed in on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep me signed in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MainWindow</name>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group could not be created (error %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people, groups and messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What are you working on?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invisible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your picture</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MemberPicker</name>
    <message>
        <source>Remove a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who should leave the group?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the group over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who should own the group? You stay in it as an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1. Click to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · Read by %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::OtherDevicesButton</name>
    <message>
        <source>Also signed in on: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your other devices signed in now. Choose one to sign it out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other device could not be signed out: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::PeoplePicker</name>
    <message>
        <source>New group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search people by name, pinyin or email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to choose from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n people chosen</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>confab::ui::ProfilePanel</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a colleague in Contacts to see their profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from buddies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to buddies</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::SessionDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show desktop notifications for new messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimised to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start minimised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::Sidebar</name>
    <message>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buddies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations yet. Find a colleague under Contacts, or create a group under Groups, and write the first message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No buddies yet. Open a colleague&apos;s profile in the organisation below and add them as a buddy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not in any group yet. Create one with New group and invite colleagues.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;. Search looks through people&apos;s names, pinyin and email, group names and the messages on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>confab::ui::TrayIcon</name>
    <message>
        <source>Show Confab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Confab: %n unread</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Confab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
