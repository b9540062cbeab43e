/* The kiosk's message catalogue: every string a student or staff member
 * reads, in Chinese (the default) and English, as one X-macro table in
 * i18n.c. A screen names a message by its id (GB_MSG_START); adding a
 * string touches that table only. Rule messages come from the rule table
 * (vision/rules.h), which carries its own two languages. */
#ifndef GB_UI_I18N_H
#define GB_UI_I18N_H

#include <stddef.h>

typedef enum { GB_LANG_ZH = 0, GB_LANG_EN = 1 } gb_lang;

#define GB_MESSAGES(X)                                                                                    \
    X(LANG_TOGGLE, "English", "中文")                                                                   \
    X(APP_TITLE, "毕业生图像采集", "Graduate photo collection")                                          \
    X(WELCOME_BATCH, "采集批次", "Batch")                                                                \
    X(WELCOME_SCHOOL, "学校", "School")                                                                  \
    X(WELCOME_PRICE, "费用", "Fee")                                                                      \
    X(WELCOME_PRICE_SCHOOL, "学校统一支付", "Paid by the school")                                         \
    X(WELCOME_WINDOW, "采集时间", "Collection window")                                                   \
    X(WELCOME_NO_BATCH, "目前没有进行中的采集批次，请联系工作人员。", "No collection batch is open. Please ask the staff.") \
    X(WELCOME_START, "开始采集", "Start")                                                                \
    X(WELCOME_HELP, "如何获取图像采集码？", "How do I get my collection code?")                          \
    X(WELCOME_LOOKUP, "查询订单", "My orders")                                               \
    X(WELCOME_BATCHES, "本机正在采集 %d 个批次：", "This kiosk serves %d batches:")                      \
    X(WELCOME_BATCHES_OPEN, "本机有 %d 个批次，现在开放采集的有 %d 个：",                                  \
      "This kiosk has %d batches, %d open now:")                                                          \
    X(WELCOME_STATE, "状态", "Status")                                                                   \
    X(WELCOME_STATE_OPEN, "正在采集", "Open now")                                                        \
    X(WELCOME_STATE_BEFORE, "尚未开始：%s 开始", "Opens at %s")                                          \
    X(WELCOME_STATE_AFTER, "已结束：%s 结束", "Ended at %s")                                             \
    X(WELCOME_OPENS_AT, "采集将于 %s 开始，请到时再来。", "Collection opens at %s. Please come back then.") \
    X(WELCOME_ALL_ENDED, "本机的采集已经结束，如有疑问请联系工作人员。",                                 \
      "Collection here has ended. Please ask the staff if in doubt.")                                     \
    X(WELCOME_NO_CAMERA, "相机未连接，暂时不能拍照，请联系工作人员。",                                     \
      "No camera is connected, so no photos now. Please ask the staff.")                                  \
    X(WELCOME_NO_MODEL, "人脸检测模型没有加载，暂时不能拍照，请联系工作人员。",                            \
      "The face model is not loaded, so no photos now. Please ask the staff.")                            \
    X(PAGE_PREV, "上一页", "Previous")                                                                   \
    X(PAGE_NEXT, "下一页", "Next")                                                                       \
    X(PAGE_LINE, "%d / %d", "%d / %d")                                                                   \
    X(YUAN, "元", "CNY")                                                                                 \
    X(HELP_TITLE, "获取图像采集码", "Getting your collection code")                                      \
    X(HELP_BODY,                                                                                          \
      "1. 打开学信网 App（或学信网网站、“学信网”微信公众号），登录学信档案。\n"                           \
      "2. 进入“高等教育信息” → “学籍学历”，找到本次毕业的学籍。\n"                                           \
      "3. 点击“获取图像采集码”，屏幕上会显示一个二维码。\n"                                                   \
      "4. 把二维码对准扫码器（或摄像头）。原图比截图更容易识别。\n"                                           \
      "每条学籍有自己的采集码。扫不出来时请调高手机亮度。",                                                 \
      "1. Open the CHSI app (or the CHSI website or WeChat account) and log in to your record.\n"          \
      "2. Go to Higher education → Enrolment and degrees and pick the record you graduate with.\n"         \
      "3. Tap \"Get image collection code\": a QR code appears.\n"                                          \
      "4. Hold the QR code to the scanner (or the camera). The original scans better than a screenshot.\n" \
      "Each record has its own code. If it does not scan, turn up your phone's brightness.")               \
    X(BACK, "返回", "Back")                                                                              \
    X(HOME, "回到首页", "Home")                                                                          \
    X(NEXT, "下一步", "Next")                                                                            \
    X(CONFIRM, "确认", "Confirm")                                                                        \
    X(ID_TITLE, "身份核验", "Verify your identity")                                                      \
    X(ID_SCAN_HINT, "请扫描学信网图像采集码（对准扫码器），或在下方输入。",                               \
      "Scan your CHSI collection code at the scanner, or type it below.")                                  \
    X(ID_CODE, "图像采集码", "Collection code")                                                          \
    X(ID_CODE_SCANNED, "已扫描采集码", "Code scanned")                                                   \
    X(ID_BATCH, "批次号", "Batch number")                                                                \
    X(ID_BATCH_PICK, "批次号（点选学校通知中的批次）", "Batch number (tap the one in your school's notice)") \
    X(ID_BATCH_MORE, "更多批次 %d/%d", "More %d/%d")                                                      \
    X(ID_LAST4, "身份证号后四位", "Last 4 of your ID number")                                            \
    X(ID_FEATURE, "学校特征码", "School feature code")                                                   \
    X(ID_VERIFY, "核验", "Verify")                                                                       \
    X(ID_MISSING_CODE, "请先扫描或输入图像采集码。", "Scan or type your collection code first.")          \
    X(ID_MISSING_LAST4, "请输入身份证号后四位（4 位数字，最后一位可以是 X）。",                            \
      "Enter the last 4 characters of your ID number (digits; the last may be X).")                        \
    X(ID_MISSING_FEATURE, "本批次需要学校特征码，请输入。", "This batch needs your school feature code.") \
    X(QR_TITLE, "扫描图像采集码", "Scan your collection code")                                           \
    X(QR_HINT, "把手机上的学信网图像采集码对准摄像头，或对准扫码器。",                                     \
      "Hold the CHSI collection code on your phone up to the camera, or to the scanner.")                  \
    /* a refused code, the same words whether the camera or the USB scanner \
     * read it (or it was typed): the wrong kind of QR code, or a collection \
     * code that did not arrive whole */                                     \
    X(CODE_NOT_A_CODE, "这个二维码不是学信网图像采集码。请出示学信网App里的图像采集码。",                  \
      "That QR code is not a CHSI collection code. Show the collection code from the CHSI app.")         \
    X(CODE_DAMAGED, "采集码没有读对，可能不完整或有输错。请再扫一次；仍不行请找工作人员。",                \
      "The collection code did not read correctly (incomplete or mistyped). Scan it again; if that fails, ask the staff.") \
    X(QR_NO_CAMERA, "摄像头不可用，请使用扫码器。", "The camera is not available; use the scanner.")        \
    X(QR_RESCAN, "重新扫描", "Scan again")                                                               \
    X(ID_CODE_TYPE_HINT, "无法扫描时，可点这里输入采集码", "Can't scan? Tap here to type the code")          \
    X(LOOKUP_LAST4_PROMPT, "为保护你的信息，请输入身份证号后四位。",                                        \
      "To protect your details, enter the last 4 characters of your ID number.")                          \
    X(LOOKUP_SHOW, "查看订单", "Show my orders")                                                         \
    X(FAIL_TITLE, "核验未通过", "Verification failed")                                                   \
    X(FAIL_CONTACT, "如有疑问，请联系学校负责采集的老师。", "Please contact your school's collection office.") \
    X(FAIL_RETRY, "重新输入", "Try again")                                                               \
    X(FAIL_BATCH_UNKNOWN, "没有这个批次号。请核对学校通知中的批次号。",                                    \
      "There is no such batch number. Check the number in your school's notice.")                          \
    X(FAIL_BATCH_INACTIVE, "这个批次已停用。", "This batch is not active.")                               \
    X(FAIL_BATCH_NOT_OPEN, "这个批次的采集还没有开始。", "Collection for this batch has not started yet.") \
    X(FAIL_BATCH_CLOSED, "这个批次的采集已经结束。", "Collection for this batch has ended.")              \
    X(FAIL_NOT_IN_BATCH, "学校导入的名单中没有你的信息。", "You are not in the list your school imported for this batch.") \
    X(FAIL_SUFFIX_MISMATCH, "身份证号后四位与学校名单不一致。", "The last 4 of your ID number do not match the school's list.") \
    X(FAIL_FEATURE_MISMATCH, "学校特征码不正确。", "The school feature code is wrong.")                   \
    X(ALREADY_APPROVED, "你的照片已经审核通过，无需重新采集。", "Your photo is already approved; nothing to do.") \
    X(FAIL_TOO_MANY_TRIES, "身份证号后四位错误次数过多，这个采集码暂时不能使用，请稍后再试。",                  \
      "Too many wrong ID numbers: this collection code is paused for a while. Try again later.")          \
    X(FAIL_STORE, "系统出错，请联系工作人员。", "System error. Please ask the staff.")                    \
    X(INFO_TITLE, "确认个人信息", "Check your details")                                                  \
    X(INFO_READONLY, "以下信息由学校导入，如有错误请联系学校更正。",                                      \
      "The school imported these details; only the school can correct them.")                             \
    X(INFO_NAME, "姓名", "Name")                                                                         \
    X(INFO_GENDER, "性别", "Gender")                                                                     \
    X(INFO_STUDENT_NO, "学号", "Student no.")                                                         \
    X(INFO_SCHOOL, "学校", "School")                                                                     \
    X(INFO_COLLEGE, "学院", "College")                                                                   \
    X(INFO_MAJOR, "专业", "Major")                                                                       \
    X(INFO_LEVEL, "学历层次", "Level")                                                                   \
    X(INFO_ID, "身份证号", "ID number")                                                                  \
    X(INFO_PHONE, "手机号码", "Mobile phone")                                                            \
    X(INFO_EMAIL, "电子邮箱", "Email")                                                                   \
    X(INFO_BAD_PHONE, "请输入有效的大陆手机号码（13x–19x）。", "Enter a valid mainland mobile number (13x–19x).") \
    X(INFO_BAD_EMAIL, "电子邮箱格式不正确。", "That email address does not look right.")                 \
    X(INFO_CONFIRM, "信息无误，去拍照", "Correct, take my photo")                                        \
    X(PHOTO_TITLE, "拍照", "Photo")                                                                      \
    X(PHOTO_CAPTURE, "拍照", "Take photo")                                                               \
    X(PHOTO_LOADING, "正在准备相机和检测…", "Preparing the camera and the checks…")                        \
    X(PHOTO_NO_CAMERA, "相机未就绪，请联系工作人员。", "The camera is not ready. Please ask the staff.")   \
    X(PHOTO_NO_FACE, "请坐到镜头正前方。", "Sit straight in front of the camera.")                        \
    X(PHOTO_ALL_GOOD, "很好，请保持不动。", "Good. Hold still.")                                          \
    X(PHOTO_GUIDE, "头顶在上方色带内，双眼在中间色带内，脸在两条竖线之间。",                              \
      "Top of head in the upper band, eyes in the middle band, face between the lines.")                  \
    X(PHOTO_CHECKLIST, "拍照前请确认：衣服不是蓝色或背景色；摘下耳环、项链和发夹；眼镜不反光、不是有色镜片。", \
      "Before the photo: clothes not blue or backdrop-coloured; no earrings, necklaces or hair clips; glasses without glare or tint.") \
    X(PHOTO_CHECKING, "正在检查照片…", "Checking the photo…")                                              \
    X(PHOTO_CAPTURE_FAILED, "拍照失败，请再试一次。", "The photo could not be taken. Please try again.")    \
    X(RESULT_TITLE, "照片检查结果", "Photo check")                                                        \
    X(RESULT_PASS, "照片符合要求。", "The photo meets the requirements.")                                 \
    X(RESULT_FAIL, "照片不符合要求，原因如下：", "The photo does not meet the requirements:")             \
    X(RESULT_ACCEPT, "使用这张照片", "Use this photo")                                                   \
    X(RESULT_RETAKE, "重拍", "Retake")                                                                   \
    X(RESULT_RETAKES_LEFT, "还可以重拍 %d 次", "%d retakes left")                                         \
    X(RESULT_NO_RETAKES, "重拍次数已用完，请联系工作人员。", "No retakes left. Please ask the staff.")      \
    X(PAY_COUNTDOWN_LINE, "剩余支付时间 %d:%02d", "Time left to pay: %d:%02d")                           \
    X(DONE_PAY_LATER, "订单已保存，支付结果在同步后更新。\n如未支付，可稍后在首页点击“查询订单”继续支付。",  \
      "Your order is saved; the payment shows after the next sync.\nNot paid yet? Pay later with \"My orders\" on the start screen.") \
    X(STAFF_PIN_CHECKING, "正在核对…", "Checking…")                                                      \
    X(WELCOME_SCAN_HINT, "请把学信网图像采集码对准扫码器扫描。\n或点击“开始采集”，在下一页对准摄像头或手动输入。", \
      "Scan your collection code at the scanner,\nor press Start to use the camera or type it.")   \
    X(PAY_TITLE, "支付", "Payment")                                                                      \
    X(PAY_AMOUNT, "应付金额", "Amount")                                                                  \
    X(PAY_LATER_HINT, "请用手机微信扫描二维码支付。支付结果会在同步后更新，订单已保存。",                   \
      "Scan the QR code with WeChat on your phone to pay. Your order is saved; the payment shows after the next sync.") \
    X(PAY_NO_URL, "请到工作人员处付款，订单已保存。", "Please pay at the staff desk; your order is saved.")   \
    X(PAY_DONE, "我已扫码，完成", "Done, I scanned it")                                                   \
    X(DONE_TITLE, "采集完成", "All done")                                                                \
    X(DONE_ORDER, "订单号", "Order number")                                                              \
    X(DONE_STATUS, "状态", "Status")                                                                     \
    X(DONE_REVIEW, "预计审核完成时间", "Review expected by")                                              \
    X(DONE_LOOKUP, "扫码查询订单", "Scan to look up your order")                                          \
    X(DONE_RETURN, "%d 秒后回到首页", "Back to the start in %d s")                                        \
    X(STATE_AWAITING_PAYMENT, "待支付", "Awaiting payment")                                               \
    X(STATE_PENDING_REVIEW, "待审核", "Pending review")                                                   \
    X(STATE_APPROVED, "审核通过", "Approved")                                                             \
    X(STATE_REJECTED, "审核未通过", "Rejected")                                                           \
    X(STATE_IN_PROGRESS, "采集中", "In progress")                                                         \
    X(STATE_CANCELLED, "已取消", "Cancelled")                                                             \
    X(IDLE_WARNING, "长时间无操作，%d 秒后将回到首页并清除你的信息。",                                      \
      "No activity: in %d s this returns to the start and clears your details.")                          \
    X(IDLE_CONTINUE, "继续", "Continue")                                                                 \
    X(KEY_BACKSPACE, "删除", "Del")                                                                      \
    X(KEY_CLEAR, "清空", "Clear")                                                                        \
    X(LOOKUP_TITLE, "我的订单", "My orders")                                                             \
    X(LOOKUP_SCAN, "请扫描学信网图像采集码，查看你的订单。", "Scan your CHSI collection code to see your orders.") \
    X(LOOKUP_NONE, "没有找到你的订单。", "No orders found for you.")                                     \
    X(LOOKUP_EXISTING, "你已经有一个订单，无需重新下单：", "You already have an order; no new one is needed:") \
    X(LOOKUP_BATCH, "批次", "Batch")                                                                     \
    X(LOOKUP_REASON, "未通过原因", "Reason")                                                             \
    X(LOOKUP_RETAKE, "重新拍照（无需再付费）", "Retake photo (no new payment)")                          \
    X(LOOKUP_PAY, "去支付", "Pay now")                                                                   \
    X(LOOKUP_START, "开始采集", "Start")                                                                 \
    X(STAFF_PIN_TITLE, "工作人员", "Staff")                                                              \
    X(STAFF_PIN_PROMPT, "请输入工作人员 PIN", "Enter the staff PIN")                                       \
    X(STAFF_PIN_FIELD, "PIN", "PIN")                                                                     \
    X(STAFF_UNLOCK, "进入", "Unlock")                                                                    \
    X(STAFF_PIN_WRONG, "PIN 不正确。", "Wrong PIN.")                                                      \
    X(STAFF_PIN_LOCKED, "错误次数过多，已锁定，请 %d 分钟后再试。", "Too many wrong PINs: locked for %d minutes.") \
    X(STAFF_PIN_UNSET, "尚未设置工作人员 PIN（gradbooth staff set-pin）。", "No staff PIN is set (gradbooth staff set-pin).") \
    X(STAFF_PIN_ERROR, "无法核对 PIN，请查看日志。", "The PIN could not be checked; see the log.")       \
    X(STAFF_TITLE, "工作人员模式", "Staff mode")                                                         \
    X(STAFF_BATCHES, "采集批次", "Batches")                                                              \
    X(STAFF_ACTIVE, "启用中", "Active")                                                                  \
    X(STAFF_INACTIVE, "已停用", "Inactive")                                                              \
    X(STAFF_ACTIVATE, "启用", "Activate")                                                                \
    X(STAFF_DEACTIVATE, "停用", "Deactivate")                                                            \
    X(STAFF_NO_BATCHES, "没有批次（gradbooth batch add）。", "No batches (gradbooth batch add).")         \
    X(STAFF_CAMERA, "相机", "Camera")                                                                    \
    X(STAFF_CAM_NONE, "相机未打开", "No camera open")                                                    \
    X(STAFF_CAM_LINE, "状态 %s，%.1f 帧/秒，错误 %llu 次，重连 %llu 次", "%s, %.1f fps, %llu errors, %llu reopens") \
    X(STAFF_CAM_LAST_ERROR, "最近错误", "Last error")                                                    \
    X(STAFF_TODAY, "今日订单", "Today's orders")                                                         \
    X(STAFF_TODAY_NONE, "今天还没有订单。", "No orders today.")                                          \
    X(STAFF_FAILURES, "今日照片检查", "Today's photo checks")                                            \
    X(STAFF_CHECKS_LINE, "共 %ld 张，未通过 %ld 张", "%ld checked, %ld failed")                          \
    X(STAFF_EXIT, "退出工作人员模式", "Leave staff mode")                                                \
    X(STAFF_MENU_BATCHES, "批次与名单", "Batches and rosters")                                           \
    X(STAFF_MENU_CAMERA, "相机检测", "Camera test")                                                      \
    X(STAFF_MENU_SYNC, "同步状态", "Sync status")                                                        \
    X(STAFF_MENU_POWER, "退出与关机", "Exit and shut down")                                              \
    X(STAFF_BATCH_SUMMARY, "批次 %d 个，启用中 %d 个", "Batches: %d, active: %d")                        \
    X(STAFF_STORE_ERROR, "数据库出错，请查看日志。", "Database error; see the log.")                     \
    X(STAFF_WINDOW_LINE, "采集时间 %s 至 %s  ·  学生 %ld 人", "Window %s to %s  ·  %ld students")        \
    X(STAFF_CHANGE_WINDOW, "修改时间", "Change window")                                                  \
    X(STAFF_IMPORT_ROSTER, "从 U 盘导入名单", "Import a roster from USB")                                \
    X(STAFF_WINDOW_SAVED, "批次 %s 的采集时间已保存。", "The window of batch %s is saved.")              \
    X(STAFF_WINDOW_ENDED, "注意：新的采集时间已经结束，学生无法使用这个批次。", "Note: the new window has ended already; students cannot use this batch.") \
    X(STAFF_WINDOW_TITLE, "修改采集时间", "Collection window")                                           \
    X(STAFF_WINDOW_START, "开始时间（YYYY-MM-DD HH:MM）", "Start (YYYY-MM-DD HH:MM)")                    \
    X(STAFF_WINDOW_END, "结束时间（YYYY-MM-DD HH:MM）", "End (YYYY-MM-DD HH:MM)")                        \
    X(STAFF_WINDOW_SAVE, "保存", "Save")                                                                 \
    X(STAFF_WINDOW_START_SHAPE, "开始时间应为 YYYY-MM-DD HH:MM（24 小时制），例如 2026-12-01 08:00。", "Start: expected YYYY-MM-DD HH:MM (24-hour), e.g. 2026-12-01 08:00.") \
    X(STAFF_WINDOW_END_SHAPE, "结束时间应为 YYYY-MM-DD HH:MM（24 小时制），例如 2026-12-20 18:00。", "End: expected YYYY-MM-DD HH:MM (24-hour), e.g. 2026-12-20 18:00.") \
    X(STAFF_WINDOW_START_NOT_REAL, "开始时间 %s 不是真实的日期和时间。", "Start: %s is not a real date and time.") \
    X(STAFF_WINDOW_END_NOT_REAL, "结束时间 %s 不是真实的日期和时间。", "End: %s is not a real date and time.") \
    X(STAFF_WINDOW_ORDER, "结束时间必须晚于开始时间。", "The end must be after the start.")              \
    X(STAFF_ROSTER_TITLE, "导入名单", "Import a roster")                                                 \
    X(STAFF_ROSTER_ROOTS, "在 %s 下查找 .csv、.txt、.tsv 文件", "Looking under %s for .csv, .txt and .tsv files") \
    X(STAFF_ROSTER_RESCAN, "重新查找", "Look again")                                                     \
    X(STAFF_ROSTER_NONE, "没有找到名单文件。请插入 U 盘，稍等片刻后点“重新查找”。", "No roster files found. Plug in the USB stick, wait a moment, then tap Look again.") \
    X(STAFF_ROSTER_TARGET, "导入到批次", "Into batch")                                                   \
    X(STAFF_ROSTER_UPDATE, "替换信息有变化的学生", "Replace students whose data changed")                \
    X(STAFF_ROSTER_CHECK, "检查名单", "Check the roster")                                                \
    X(STAFF_ROSTER_PICK, "请先选择一个文件和一个批次。", "Pick a file and a batch first.")               \
    X(STAFF_ROSTER_FILE_INFO, "%s：%zu 名学生（%s）", "%s: %zu students (%s)")                           \
    X(STAFF_ROSTER_INTO, "导入到批次 %s", "Into batch %s")                                               \
    X(STAFF_ROSTER_DRY, "检查通过，尚未写入。确认后将新增 %zu 人，更新 %zu 人，不变 %zu 人；批次中另有 %zu 人不在此文件中（保留）。", "Checked; nothing written yet. The import will add %zu, update %zu and leave %zu unchanged; %zu in the batch are not in this file (kept).") \
    X(STAFF_ROSTER_PROBLEMS, "名单有 %zu 个问题，不能导入，什么也没有写入。请学校改正后再导入：", "Problems found: %zu. The roster cannot be imported and nothing was written. Have the school fix them, then import again:") \
    X(STAFF_ROSTER_WARNINGS, "%zu 个提醒（不影响导入，请与学校核对）：", "Warnings: %zu (the import goes ahead; check with the school):") \
    X(STAFF_ROSTER_NOT_SHOWN, "……另有 %zu 条没有显示", "… and %zu more not shown")                       \
    X(STAFF_ROSTER_IMPORT, "确认导入", "Import")                                                         \
    X(STAFF_ROSTER_DONE, "已导入批次 %s：新增 %zu 人，更新 %zu 人，不变 %zu 人。", "Imported into batch %s: %zu added, %zu updated, %zu unchanged.") \
    X(STAFF_ROSTER_READ_ERROR, "无法读取文件：%s", "The file cannot be read: %s")                        \
    X(STAFF_ROSTER_FAILED, "导入失败，什么也没有写入：%s", "The import failed; nothing was written: %s") \
    X(STAFF_ROSTER_FILES, "返回文件列表", "Back to the files")                                           \
    X(STAFF_ROSTER_CHECKING, "正在检查名单…", "Checking the roster…")                                    \
    X(STAFF_CAM_LIVE_ON, "实时画面", "Live view")                                                        \
    X(STAFF_CAM_LIVE_OFF, "停止画面", "Stop live view")                                                  \
    X(STAFF_CAM_LIVE_FPS, "实时画面 %.1f 帧/秒", "Live view %.1f fps")                                   \
    X(STAFF_CAM_CAPTURE, "拍照测试", "Test capture")                                                     \
    X(STAFF_CAM_CAPTURING, "正在拍照并检查…", "Capturing and checking…")                                 \
    X(STAFF_CAM_NOT_READY, "相机或人脸模型还没有就绪。", "The camera or the face model is not ready yet.") \
    X(STAFF_CAM_RESULT_TIME, "用时 %.2f 秒，原图 %d×%d", "Took %.2f s, still %d×%d")                     \
    X(STAFF_CAM_RESULT_PHOTO, "结果照片 %d×%d，%.1f KB", "Result photo %d×%d, %.1f KB")                  \
    X(STAFF_CAM_NO_PHOTO, "无法裁出结果照片。", "No result photo could be cut.")                         \
    X(STAFF_CAM_FACE, "找到人脸", "Face found")                                                          \
    X(STAFF_CAM_NO_FACE, "没有找到唯一的一张人脸", "No single face found")                               \
    X(STAFF_CAM_PASS, "检查结果：通过，0 项未通过", "Verdict: pass, 0 rules failed")                     \
    X(STAFF_CAM_FAIL, "检查结果：%d 项未通过", "Verdict: %d rule(s) failed")                             \
    X(STAFF_CAM_CAPTURE_ERROR, "拍照失败：%s", "The capture failed: %s")                                 \
    X(STAFF_CAM_NOT_SAVED, "测试照片不会保存。", "Test photos are not saved.")                           \
    X(STAFF_SYNC_WAITING, "等待上传的订单：%ld 个", "Orders waiting for upload: %ld")                    \
    X(STAFF_SYNC_WAITING_DETAIL, "已提交 %ld 个，重新提交 %ld 个", "%ld submitted, %ld resubmitted")     \
    X(STAFF_SYNC_OUTBOX, "待发送的同步任务：%ld 个", "Sync jobs waiting: %ld")                           \
    X(STAFF_SYNC_LAST, "上次同步：%s", "Last sync: %s")                                                  \
    X(STAFF_SYNC_NEVER, "从未同步", "never")                                                             \
    X(STAFF_SYNC_NOT_CONFIGURED, "与采集中心的同步尚未配置：订单都保存在本机，不会上传。", "Sync with the collection centre is not configured yet: orders stay on this kiosk and are not uploaded.") \
    X(STAFF_SYNC_SERVER, "服务器：%s（本版本还不能同步）", "Server: %s (this version cannot sync yet)")  \
    X(STAFF_CLOSE, "关闭自助机程序", "Close the kiosk program")                                          \
    X(STAFF_SHUTDOWN, "关闭电脑", "Shut down the machine")                                               \
    X(STAFF_SHUTDOWN_ASK, "确定要关闭这台电脑吗？关机后要按电源键才能重新开机。", "Shut down this machine? Someone must press its power button to start it again.") \
    X(STAFF_SHUTDOWN_CONFIRM, "确认关机", "Shut down")                                                   \
    X(STAFF_CANCEL, "取消", "Cancel")                                                                    \
    X(STAFF_SHUTDOWN_RUNNING, "正在关机…", "Shutting down…")                                             \
    X(STAFF_SHUTDOWN_FAILED, "关机命令失败：%s", "The shutdown command failed: %s")                      \
    X(STAFF_SHUTDOWN_OFF, "没有设置关机命令（[staff] shutdown_command）。", "No shutdown command is set ([staff] shutdown_command).") \
    X(STAFF_ROSTER_MORE_TARGETS, "更多批次 %d/%d", "More %d/%d")                                      \
    X(STAFF_ROSTER_FILE_ROWS, "%s：%zu 名学生", "%s: %zu students")                                      \
    X(STAFF_ROSTER_BINARY, "这不是文本文件，可能是改了扩展名的 Excel 文件（.xlsx）。请在 Excel 中点“另存为”，保存类型选“CSV UTF-8（逗号分隔）”，再导入新保存的文件。", "This is not a text file; it may be an Excel workbook (.xlsx) renamed. In Excel choose Save As, type \"CSV UTF-8 (Comma delimited)\", then import the new file.") \
    X(CAM_STATE_STOPPED, "已停止", "stopped")                                                            \
    X(CAM_STATE_STARTING, "正在打开", "opening")                                                         \
    X(CAM_STATE_LIVE, "正常", "live")                                                                    \
    X(CAM_STATE_RECONNECTING, "正在重连", "reconnecting")                                                \
    X(PAY_DONE_NO_QR, "好的，完成", "OK, done")                                                          \
    X(DONE_REVIEW_AFTER_PAY, "付款后开始审核，审核约需 %d 小时。", "The review starts once you have paid and takes about %d hours.") \
    X(INFO_NEED_EMAIL, "请输入电子邮箱。", "Enter your email address.")                                  \
    X(STATE_VERIFIED, "已核验", "Verified")                                                              \
    X(STATE_INFO_CONFIRMED, "已确认信息", "Details confirmed")                                           \
    X(STATE_PHOTO_ACCEPTED, "照片已确认", "Photo accepted")                                              \
    X(STATE_PAID, "已支付", "Paid")                                                                      \
    X(STATE_SUBMITTED, "已提交", "Submitted")                                                            \
    X(STATE_SYNCED, "已上传", "Uploaded")                                                                \
    X(STATE_RETAKEN, "已重拍", "Retaken")                                                                \
    X(STATE_RESUBMITTED, "已重新提交", "Resubmitted")                                                   \
    X(STAFF_ROSTER_IMPORTING, "正在导入名单…", "Importing the roster…")                                  \
    X(STAFF_ROSTER_STEP_READ, "正在读取文件…", "Reading the file…")                                      \
    X(STAFF_ROSTER_STEP_PARSE, "正在逐行检查文件…", "Checking the file line by line…")                   \
    X(STAFF_ROSTER_STEP_CHECK_ROWS, "已核对 %zu / %zu 名学生", "%zu of %zu students checked")           \
    X(STAFF_ROSTER_STEP_WRITE_ROWS, "已写入 %zu / %zu 名学生（全部写完才生效）", "%zu of %zu students written (none count until all are)") \
    X(STAFF_ROSTER_ELAPSED, "已用时 %d 秒", "%d s so far")                                               \
    X(STAFF_ROSTER_CANCELLING, "正在取消…", "Cancelling…")                                               \
    X(STAFF_ROSTER_CANCELLED, "已取消，什么也没有写入。", "Cancelled; nothing was written.")              \
    X(STAFF_BATCH_DEACTIVATE_ASK, "停用批次 %s（%s）？停用后，学生将无法再选择这个批次采集照片。",          \
      "Deactivate batch %s (%s)? Students will no longer be able to choose it for their photo.")           \
    X(STAFF_BATCH_DEACTIVATE_CONFIRM, "确认停用", "Deactivate")

typedef enum {
#define GB_MSG_ENUM(id, zh, en) GB_MSG_##id,
    GB_MESSAGES(GB_MSG_ENUM)
#undef GB_MSG_ENUM
        GB_MSG_COUNT
} gb_msg;

/* The message in the given language. */
const char *gb_msg_text(gb_msg id, gb_lang lang);

/* A message with one "%d" (counts, seconds) filled in. */
void gb_msg_format_int(char *buf, size_t size, gb_msg id, gb_lang lang, int n);

/* A message with several conversions filled in; the caller passes what the
 * message's own conversions ask for, the same in both languages (the staff
 * screens' figures: STAFF_CAM_LINE, STAFF_WINDOW_LINE, STAFF_ROSTER_DRY...). */
void gb_msg_format(char *buf, size_t size, gb_msg id, gb_lang lang, ...);

/* The id's name ("START"), for tests and the script's error messages. */
const char *gb_msg_name(gb_msg id);

#endif
