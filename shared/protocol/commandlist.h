// The one list of Confab's commands. Service and command numbers follow TeamTalk where the meaning is the same
// (SID_LOGIN 0x0001 ... SID_OTHER 0x0007, CID_LOGIN_REQ_USERLOGIN 0x0103, ...), so that a TeamTalk gateway stays
// possible; commands TeamTalk lacks take numbers from 0x20 (or 0x80) up within their service.
//
// Everything else (the registry, the compile-time traits, the fuzz seeds, the round-trip tests) is generated from
// these lists, so a new command is one line here plus its message in shared/proto/.
#pragma once

// Request/response pairs: X(Name, service, request command, RequestMessage, response command, ResponseMessage).
// Each expands to the commands Name##Request and Name##Response.
#define CONFAB_REQUESTS(X)                                                                                             \
    X(Login, 0x0001, 0x0103, LoginRequest, 0x0104, LoginResponse)                                                      \
    X(Logout, 0x0001, 0x0105, LogoutRequest, 0x0106, LogoutResponse)                                                   \
    X(SignOutDevice, 0x0001, 0x0120, SignOutDeviceRequest, 0x0121, SignOutDeviceResponse)                              \
    X(SessionSync, 0x0002, 0x0201, SyncRequest, 0x0202, SessionSyncResponse)                                           \
    X(UserInfo, 0x0002, 0x0204, UserInfoRequest, 0x0205, UserInfoResponse)                                             \
    X(RemoveSession, 0x0002, 0x0206, RemoveSessionRequest, 0x0207, RemoveSessionResponse)                              \
    X(UserSync, 0x0002, 0x0208, SyncRequest, 0x0209, UserSyncResponse)                                                 \
    X(PresenceQuery, 0x0002, 0x020a, PresenceQueryRequest, 0x020b, PresenceQueryResponse)                              \
    X(ChangeAvatar, 0x0002, 0x020c, ChangeAvatarRequest, 0x020d, ChangeAvatarResponse)                                 \
    X(DepartmentSync, 0x0002, 0x0210, SyncRequest, 0x0211, DepartmentSyncResponse)                                     \
    X(ChangeSignLine, 0x0002, 0x0213, ChangeSignLineRequest, 0x0214, ChangeSignLineResponse)                           \
    X(BuddySync, 0x0002, 0x0220, SyncRequest, 0x0221, BuddySyncResponse)                                               \
    X(AddBuddy, 0x0002, 0x0222, AddBuddyRequest, 0x0223, AddBuddyResponse)                                             \
    X(RemoveBuddy, 0x0002, 0x0224, RemoveBuddyRequest, 0x0225, RemoveBuddyResponse)                                    \
    X(SetPresence, 0x0002, 0x0227, SetPresenceRequest, 0x0228, SetPresenceResponse)                                    \
    X(PresenceWatch, 0x0002, 0x0229, PresenceWatchRequest, 0x022a, PresenceWatchResponse)                              \
    X(UpdateSession, 0x0002, 0x022b, UpdateSessionRequest, 0x022c, UpdateSessionResponse)                              \
    X(SendMessage, 0x0003, 0x0301, SendMessageRequest, 0x0302, SendMessageResponse)                                    \
    X(ReadAck, 0x0003, 0x0303, ReadAckRequest, 0x0320, ReadAckResponse)                                                \
    X(ServerTime, 0x0003, 0x0305, ServerTimeRequest, 0x0306, ServerTimeResponse)                                       \
    X(UnreadCount, 0x0003, 0x0307, UnreadCountRequest, 0x0308, UnreadCountResponse)                                    \
    X(History, 0x0003, 0x0309, HistoryRequest, 0x030a, HistoryResponse)                                                \
    X(LatestId, 0x0003, 0x030b, LatestIdRequest, 0x030c, LatestIdResponse)                                             \
    X(MessagesById, 0x0003, 0x030d, MessagesByIdRequest, 0x030e, MessagesByIdResponse)                                 \
    X(Receipts, 0x0003, 0x0322, ReceiptsRequest, 0x0323, ReceiptsResponse)                                             \
    X(GroupListSync, 0x0004, 0x0401, SyncRequest, 0x0402, GroupListSyncResponse)                                       \
    X(GroupInfo, 0x0004, 0x0403, GroupInfoRequest, 0x0404, GroupInfoResponse)                                          \
    X(CreateGroup, 0x0004, 0x0405, CreateGroupRequest, 0x0406, CreateGroupResponse)                                    \
    X(ChangeMembers, 0x0004, 0x0407, ChangeMembersRequest, 0x0408, ChangeMembersResponse)                              \
    X(MuteGroup, 0x0004, 0x0409, MuteGroupRequest, 0x040a, MuteGroupResponse)                                          \
    X(UpdateGroup, 0x0004, 0x0420, UpdateGroupRequest, 0x0421, UpdateGroupResponse)                                    \
    X(DissolveGroup, 0x0004, 0x0422, DissolveGroupRequest, 0x0423, DissolveGroupResponse)                              \
    X(GroupMembers, 0x0004, 0x0424, GroupMembersRequest, 0x0425, GroupMembersResponse)                                 \
    X(FileChunkPull, 0x0005, 0x0504, FileChunkRequest, 0x0505, FileChunkResponse)                                      \
    X(FileUpload, 0x0005, 0x0506, FileUploadRequest, 0x0507, FileUploadResponse)                                       \
    X(FileChunkUpload, 0x0005, 0x0520, FileChunkUpload, 0x0521, FileChunkUploadResponse)

// One-way messages: X(Name, service, command, Message, direction).
#define CONFAB_ONE_WAY(X)                                                                                              \
    X(Kick, 0x0001, 0x0107, KickNotice, ServerToClient)                                                                \
    X(PresenceNotify, 0x0002, 0x0203, PresenceNotify, ServerToClient)                                                  \
    X(DeviceNotify, 0x0002, 0x020e, DeviceNotice, ServerToClient)                                                      \
    X(SessionChangedNotify, 0x0002, 0x020f, SessionChangedNotify, ServerToClient)                                      \
    X(UserChangedNotify, 0x0002, 0x0215, UserChangedNotify, ServerToClient)                                            \
    X(BuddyChangedNotify, 0x0002, 0x0226, BuddyChangedNotify, ServerToClient)                                          \
    X(SyncNotify, 0x0002, 0x022d, SyncNotify, ServerToClient)                                                          \
    X(MessageNotify, 0x0003, 0x0321, MessageNotify, ServerToClient)                                                    \
    X(ReadNotify, 0x0003, 0x0304, ReadNotify, ServerToClient)                                                          \
    X(GroupMembersNotify, 0x0004, 0x040b, GroupMembersNotify, ServerToClient)                                          \
    X(GroupChangedNotify, 0x0004, 0x0426, GroupChangedNotify, ServerToClient)                                          \
    X(P2P, 0x0006, 0x0601, P2PCommand, Both)                                                                           \
    X(Heartbeat, 0x0007, 0x0701, Heartbeat, Both)                                                                      \
    X(Error, 0x0007, 0x0780, ErrorResponse, ServerToClient)
