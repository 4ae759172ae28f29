<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AgreementView</name>
    <message>
        <location filename="../agreement_view.py" line="96"/>
        <source>Agreement</source>
        <extracomment>chart metrics: (key in a label&apos;s figures, sub-key); their titles are AgreementView.metric_titles()</extracomment>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="111"/>
        <source>The gold layer</source>
        <translation>طبقة المرجع</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="111"/>
        <source>A reviewer</source>
        <translation>مراجِع</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="113"/>
        <source>Compute (F5)</source>
        <translation>احسب (F5)</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="114"/>
        <source>Compute the agreement between the checked annotators</source>
        <translation>احسب الاتفاق بين المعلِّقين المحدَّدين</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="125"/>
        <source>Annotators:</source>
        <translation>المعلِّقون:</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="133"/>
        <source>Figure</source>
        <translation>المقياس</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="133"/>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="133"/>
        <source>Detail</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="134"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="134"/>
        <location filename="../agreement_view.py" line="136"/>
        <source>F1 exact</source>
        <translation>F1 المطابقة التامة</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="134"/>
        <location filename="../agreement_view.py" line="137"/>
        <source>F1 overlap</source>
        <translation>F1 التداخل</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="135"/>
        <location filename="../agreement_view.py" line="137"/>
        <source>Kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="135"/>
        <location filename="../agreement_view.py" line="137"/>
        <source>Alpha</source>
        <translation>ألفا</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="135"/>
        <source>Spans (A / B)</source>
        <translation>المقاطع (أ / ب)</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="136"/>
        <source>Pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="136"/>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="138"/>
        <source>Quote F1</source>
        <translation>F1 الاقتباسات</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="138"/>
        <source>Same speaker</source>
        <translation>المتحدث نفسه</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="138"/>
        <source>Same kind</source>
        <translation>النوع نفسه</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="139"/>
        <source>Stance F1</source>
        <translation>F1 المواقف</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="139"/>
        <source>Same polarity</source>
        <translation>الاتجاه نفسه</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="140"/>
        <source>Disagreement</source>
        <translation>الاختلاف</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="140"/>
        <source>Differing items</source>
        <translation>العناصر المختلفة</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="141"/>
        <source>Items</source>
        <translation>العناصر</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="141"/>
        <source>Annotators</source>
        <translation>المعلِّقون</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="141"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="159"/>
        <source>Overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="160"/>
        <source>Per label</source>
        <translation>حسب التسمية</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="161"/>
        <source>Pairs</source>
        <translation>الأزواج</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="162"/>
        <source>Articles (most disagreement first)</source>
        <translation>المقالات (الأكثر اختلافًا أولًا)</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="172"/>
        <source>Entity F1 (exact)</source>
        <translation>F1 الكيانات (مطابقة تامة)</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="172"/>
        <source>Entity F1 (overlap)</source>
        <translation>F1 الكيانات (تداخل)</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="172"/>
        <source>Cohen&apos;s kappa (tokens)</source>
        <translation>كابا كوهين (الكلمات)</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="173"/>
        <source>Krippendorff&apos;s alpha (tokens)</source>
        <translation>ألفا كريبندورف (الكلمات)</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="185"/>
        <source>Choose at least two annotators.</source>
        <translation>اختر معلِّقَين اثنين على الأقل.</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="195"/>
        <source>Agreement failed: %1</source>
        <translation>تعذّر حساب الاتفاق: %1</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="199"/>
        <source>Computing agreement…</source>
        <translation>جارٍ حساب الاتفاق…</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="234"/>
        <source>precision %1 · recall %2 · %3 matched of %4 / %5</source>
        <translation>الدقة %1 · الاستدعاء %2 · %3 متطابقة من %4 / %5</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="239"/>
        <source>%1 of %2</source>
        <translation>%1 من %2</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="242"/>
        <source>Entity F1, exact</source>
        <translation>F1 الكيانات، مطابقة تامة</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="243"/>
        <source>Entity F1, overlap</source>
        <translation>F1 الكيانات، تداخل</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="244"/>
        <source>Cohen&apos;s kappa, token labels</source>
        <translation>كابا كوهين، تسميات الكلمات</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="244"/>
        <source>mean over pairs</source>
        <translation>المتوسط على الأزواج</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="245"/>
        <source>Krippendorff&apos;s alpha, token labels</source>
        <translation>ألفا كريبندورف، تسميات الكلمات</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="245"/>
        <source>nominal, all annotators</source>
        <translation>اسمي، كل المعلِّقين</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="246"/>
        <source>Quotes: content overlap F1</source>
        <translation>الاقتباسات: F1 تداخل المحتوى</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="247"/>
        <source>Quotes: same speaker</source>
        <translation>الاقتباسات: المتحدث نفسه</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="248"/>
        <source>Quotes: same kind</source>
        <translation>الاقتباسات: النوع نفسه</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="249"/>
        <source>Stances: same holder and target F1</source>
        <translation>المواقف: F1 صاحب الموقف والهدف نفسيهما</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="250"/>
        <source>Stances: same polarity</source>
        <translation>المواقف: الاتجاه نفسه</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="251"/>
        <source>Articles compared</source>
        <translation>المقالات المقارَنة</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="267"/>
        <source>Articles compared: %1, between %2.</source>
        <translation>المقالات المقارَنة: %1، بين %2.</translation>
    </message>
    <message>
        <location filename="../agreement_view.py" line="269"/>
        <source> The %1 most disagreeing are listed.</source>
        <translation> تُعرض المقالات الـ%1 الأكثر اختلافًا.</translation>
    </message>
</context>
<context>
    <name>AnnotatorDialog</name>
    <message>
        <location filename="../project_dialogs.py" line="129"/>
        <source>Who is annotating?</source>
        <translation>من يقوم بالتعليق؟</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="142"/>
        <source>Your name. Your annotations, progress and undo history are kept under it; you can switch later from the File menu.</source>
        <translation>اسمك. تُحفظ تعليقاتك وتقدّمك وسجل التراجع باسمك، ويمكنك التبديل لاحقًا من قائمة «ملف».</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="73"/>
        <source>Unexpected error</source>
        <translation>خطأ غير متوقع</translation>
    </message>
    <message>
        <location filename="../app.py" line="74"/>
        <source>Something went wrong: %1</source>
        <translation>حدث خطأ: %1</translation>
    </message>
    <message>
        <location filename="../app.py" line="76"/>
        <source>Your annotations up to the last edit are saved. The details were written to %1.</source>
        <translation>تعليقاتك محفوظة حتى آخر تعديل. كُتبت التفاصيل في %1.</translation>
    </message>
    <message>
        <location filename="../app.py" line="77"/>
        <source>(the log could not be written)</source>
        <translation>(تعذّرت كتابة السجل)</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <location filename="../article_list.py" line="171"/>
        <source>Your entity mentions · quotes · stances in the article</source>
        <translation>كياناتك · اقتباساتك · مواقفك في المقالة</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="175"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="175"/>
        <source>Outlet</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="175"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="175"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="175"/>
        <source>Counts</source>
        <translation>الأعداد</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="198"/>
        <source>%1 entity mentions, %2 quotes, %3 stances</source>
        <translation>%1 كيانًا و%2 اقتباسًا و%3 موقفًا</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="179"/>
        <source>not started</source>
        <translation>لم تبدأ</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="179"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="180"/>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <location filename="../article_list.py" line="462"/>
        <source>Search articles (Arabic spelling variants match)…</source>
        <translation>ابحث في المقالات (تُطابَق صيغ الإملاء العربية)…</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="463"/>
        <source>My queue</source>
        <translation>قائمتي</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="464"/>
        <source>Only the articles assigned to you</source>
        <translation>المقالات المسندة إليك فقط</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="465"/>
        <source>All statuses</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="465"/>
        <source>Unfinished</source>
        <translation>غير المنجزة</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="467"/>
        <source>All outlets</source>
        <translation>كل المصادر</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="468"/>
        <source>Any label</source>
        <translation>أي تسمية</translation>
    </message>
    <message>
        <location filename="../article_list.py" line="469"/>
        <source>Has %1</source>
        <translation>فيها %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../article_list.py" line="504"/>
        <source>%n article(s)</source>
        <translation>
            <numerusform>لا مقالات</numerusform>
            <numerusform>مقالة واحدة</numerusform>
            <numerusform>مقالتان</numerusform>
            <numerusform>%n مقالات</numerusform>
            <numerusform>%n مقالة</numerusform>
            <numerusform>%n مقالة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleState</name>
    <message>
        <location filename="../docstate.py" line="193"/>
        <source>the article</source>
        <extracomment>mentions that became or stopped being a quote&apos;s speaker (drawn linked to their quote) entity mentions in reading order (start, -end, id): Tab order and the entity panel&apos;s rows mentions still suggestions (listed, not counted as annotations), kept current by apply() speaker mention -&gt; the quotes it speaks</extracomment>
        <translation>المقالة</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../assign_dialog.py" line="53"/>
        <source>Assign articles</source>
        <translation>إسناد المقالات</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="73"/>
        <source>Only articles nobody is assigned yet</source>
        <translation>المقالات غير المسندة إلى أحد بعد فقط</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="81"/>
        <source>Annotators</source>
        <translation>المعلِّقون</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="82"/>
        <source>Annotators per article</source>
        <translation>عدد المعلِّقين لكل مقالة</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="83"/>
        <source>Seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="86"/>
        <source>&amp;Assign</source>
        <translation>إ&amp;سناد</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="114"/>
        <source>Assigning…</source>
        <translation>جارٍ الإسناد…</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="128"/>
        <source>Nothing to assign: every article is assigned already.</source>
        <translation>لا شيء للإسناد: كل المقالات مسندة بالفعل.</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="131"/>
        <source>Assigned %1 articles, each to %2 annotators (undo: Ctrl+Z).</source>
        <translation>أُسندت %1 مقالة، كلٌّ منها إلى %2 معلِّقين (للتراجع: Ctrl+Z).</translation>
    </message>
    <message>
        <location filename="../assign_dialog.py" line="135"/>
        <source>Shared articles per pair:</source>
        <translation>المقالات المشتركة لكل زوج:</translation>
    </message>
</context>
<context>
    <name>AssistController</name>
    <message>
        <location filename="../assist.py" line="95"/>
        <source>Annotate all occurrences in this article</source>
        <extracomment>annotate-all asks first above this many occurrences (a project-wide edit of that size takes a while) project-wide annotate-all searches in a worker when more articles than this may hold the name a project-wide run ended (its ``SuggestReport``); rows were written outside the undo stack a project-wide annotate-all in the background ended: how many suggestions it added asks the user a yes/no question (replaceable, e.g. by tests)</extracomment>
        <translation>وسم كل التكرارات في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="101"/>
        <source>Annotate all occurrences in the project</source>
        <translation>وسم كل التكرارات في المشروع</translation>
    </message>
    <message>
        <location filename="../assist.py" line="107"/>
        <source>Accept suggestion and go to next</source>
        <translation>قبول الاقتراح والانتقال إلى التالي</translation>
    </message>
    <message>
        <location filename="../assist.py" line="113"/>
        <source>Reject suggestion and go to next</source>
        <translation>رفض الاقتراح والانتقال إلى التالي</translation>
    </message>
    <message>
        <location filename="../assist.py" line="119"/>
        <source>Accept all suggestions in this article</source>
        <translation>قبول كل الاقتراحات في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="125"/>
        <source>Reject all suggestions in this article</source>
        <translation>رفض كل الاقتراحات في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="131"/>
        <source>Next suggestion</source>
        <translation>الاقتراح التالي</translation>
    </message>
    <message>
        <location filename="../assist.py" line="137"/>
        <source>Previous suggestion</source>
        <translation>الاقتراح السابق</translation>
    </message>
    <message>
        <location filename="../assist.py" line="143"/>
        <source>Suggest mentions and quotes in this article</source>
        <translation>اقتراح الإشارات والاقتباسات في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="149"/>
        <source>Suggest in the whole project…</source>
        <translation>الاقتراح في المشروع كله…</translation>
    </message>
    <message>
        <location filename="../assist.py" line="155"/>
        <source>Import name list…</source>
        <translation>استيراد قائمة أسماء…</translation>
    </message>
    <message>
        <location filename="../assist.py" line="161"/>
        <source>Pre-annotate new articles when opened</source>
        <translation>التعليق المسبق على المقالات الجديدة عند فتحها</translation>
    </message>
    <message>
        <location filename="../assist.py" line="196"/>
        <source>Annotate all occurrences</source>
        <extracomment>picks a name list to import (replaceable, e.g. by tests); &quot;&quot; when cancelled picks the label for names given without one; ``None`` when cancelled shows the outcome of an import (message, whether it is a warning)</extracomment>
        <translation>وسم كل التكرارات</translation>
    </message>
    <message>
        <location filename="../assist.py" line="295"/>
        <source>Select a mention first (click it or Tab to it), then annotate all its occurrences</source>
        <translation>حدّد إشارة أولًا (انقرها أو انتقل إليها بـ Tab)، ثم وسم كل تكراراتها</translation>
    </message>
    <message>
        <location filename="../assist.py" line="300"/>
        <source>Wait until the running task has ended</source>
        <translation>انتظر حتى تنتهي المهمة الجارية</translation>
    </message>
    <message>
        <location filename="../assist.py" line="317"/>
        <location filename="../assist.py" line="357"/>
        <source>Annotate all failed: %1</source>
        <translation>تعذّر وسم كل التكرارات: %1</translation>
    </message>
    <message>
        <location filename="../assist.py" line="342"/>
        <source>Finding “%1” in %2 articles…</source>
        <translation>جارٍ البحث عن «%1» في %2 مقالة…</translation>
    </message>
    <message>
        <location filename="../assist.py" line="355"/>
        <source>Annotate all was cancelled; nothing was suggested</source>
        <translation>أُلغي وسم كل التكرارات؛ لم يُقترح شيء</translation>
    </message>
    <message>
        <location filename="../assist.py" line="370"/>
        <source>No other unlabelled occurrence of “%1” in this article</source>
        <translation>لا يوجد تكرار آخر غير موسوم لـ«%1» في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="372"/>
        <source>No other unlabelled occurrence of “%1” in the project</source>
        <translation>لا يوجد تكرار آخر غير موسوم لـ«%1» في المشروع</translation>
    </message>
    <message>
        <location filename="../assist.py" line="379"/>
        <source>Suggest %1 on %2 occurrences of “%3” in %4 articles?</source>
        <translation>هل تريد اقتراح %1 على %2 تكرارًا لـ«%3» في %4 مقالة؟</translation>
    </message>
    <message>
        <location filename="../assist.py" line="390"/>
        <source>Suggested %1 on %2 occurrences of “%3” in %4 articles (%5 here): Y accepts, N rejects</source>
        <translation>اقتُرح %1 على %2 تكرارًا لـ«%3» في %4 مقالة (%5 هنا): Y للقبول، N للرفض</translation>
    </message>
    <message>
        <location filename="../assist.py" line="392"/>
        <source>Suggested %1 on %2 occurrences of “%3” in this article: Y accepts, N rejects</source>
        <translation>اقتُرح %1 على %2 تكرارًا لـ«%3» في هذه المقالة: Y للقبول، N للرفض</translation>
    </message>
    <message>
        <location filename="../assist.py" line="422"/>
        <source>Adding %1 suggestions…</source>
        <translation>جارٍ إضافة %1 اقتراحًا…</translation>
    </message>
    <message>
        <location filename="../assist.py" line="434"/>
        <source>%1 failed: %2</source>
        <translation>تعذّر تنفيذ «%1»: %2</translation>
    </message>
    <message>
        <location filename="../assist.py" line="448"/>
        <source>No suggestion here: ] selects the next one</source>
        <translation>لا يوجد اقتراح هنا: ] يحدّد الاقتراح التالي</translation>
    </message>
    <message>
        <location filename="../assist.py" line="460"/>
        <source>Accepted; no suggestions left in this article</source>
        <translation>قُبل؛ لم تتبقَّ اقتراحات في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="462"/>
        <source>Rejected; no suggestions left in this article</source>
        <translation>رُفض؛ لم تتبقَّ اقتراحات في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="473"/>
        <location filename="../assist.py" line="487"/>
        <source>No suggestions in this article</source>
        <translation>لا توجد اقتراحات في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="480"/>
        <source>%1 in this article</source>
        <translation>%1 في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="510"/>
        <source>Suggesting failed: %1</source>
        <translation>تعذّر الاقتراح: %1</translation>
    </message>
    <message>
        <location filename="../assist.py" line="513"/>
        <source>Nothing new to suggest in this article</source>
        <translation>لا جديد لاقتراحه في هذه المقالة</translation>
    </message>
    <message>
        <location filename="../assist.py" line="517"/>
        <source>%1: ] goes to the first, Y accepts, N rejects</source>
        <translation>%1: ] للانتقال إلى الأول، Y للقبول، N للرفض</translation>
    </message>
    <message>
        <location filename="../assist.py" line="524"/>
        <source>Suggestions for the project are already running</source>
        <translation>الاقتراح في المشروع جارٍ بالفعل</translation>
    </message>
    <message>
        <location filename="../assist.py" line="534"/>
        <source>Suggesting mentions and quotes in every article…</source>
        <translation>جارٍ اقتراح الإشارات والاقتباسات في كل المقالات…</translation>
    </message>
    <message>
        <location filename="../assist.py" line="561"/>
        <source>Cannot read the name list %1: %2</source>
        <translation>تتعذّر قراءة قائمة الأسماء %1: %2</translation>
    </message>
    <message>
        <location filename="../assist.py" line="568"/>
        <source>Importing %1 failed: %2</source>
        <translation>تعذّر استيراد %1: %2</translation>
    </message>
    <message>
        <location filename="../assist.py" line="574"/>
        <source>%1 names imported from %2: G suggests them in this article, Ctrl+Shift+G in every article</source>
        <translation>استُورد %1 اسمًا من %2: G يقترحها في هذه المقالة، وCtrl+Shift+G في كل المقالات</translation>
    </message>
    <message>
        <location filename="../assist.py" line="580"/>
        <source>Nothing new in %1</source>
        <translation>لا جديد في %1</translation>
    </message>
    <message>
        <location filename="../assist.py" line="584"/>
        <source>… and %1 more</source>
        <translation>… و%1 غيرها</translation>
    </message>
    <message>
        <location filename="../assist.py" line="592"/>
        <location filename="../assist.py" line="603"/>
        <location filename="../assist.py" line="613"/>
        <source>Import name list</source>
        <translation>استيراد قائمة أسماء</translation>
    </message>
    <message>
        <location filename="../assist.py" line="594"/>
        <source>Name lists (*.txt *.tsv);;All files (*)</source>
        <translation>قوائم الأسماء (*.txt *.tsv);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../assist.py" line="604"/>
        <source>Entity type of the names in %1:</source>
        <translation>نوع الكيان للأسماء في %1:</translation>
    </message>
    <message>
        <location filename="../assist.py" line="629"/>
        <source>Pre-annotating failed: %1</source>
        <translation>تعذّر التعليق المسبق: %1</translation>
    </message>
    <message>
        <location filename="../assist.py" line="634"/>
        <source>%1: ] goes to the first, Y accepts, N rejects, Ctrl+Z removes them</source>
        <translation>%1: ] للانتقال إلى الأول، Y للقبول، N للرفض، Ctrl+Z لإزالتها</translation>
    </message>
    <message>
        <location filename="../assist.py" line="656"/>
        <source>Suggesting in the project failed: %1</source>
        <translation>تعذّر الاقتراح في المشروع: %1</translation>
    </message>
    <message>
        <location filename="../assist.py" line="659"/>
        <source>Stopped after %1 of %2 articles: %3 mentions and %4 quotes suggested</source>
        <translation>توقّف بعد %1 من %2 مقالة: اقتُرحت %3 إشارة و%4 اقتباسًا</translation>
    </message>
    <message>
        <location filename="../assist.py" line="661"/>
        <source>Done: %1 of %2 articles: %3 mentions and %4 quotes suggested</source>
        <translation>اكتمل: %1 من %2 مقالة: اقتُرحت %3 إشارة و%4 اقتباسًا</translation>
    </message>
    <message>
        <location filename="../assist.py" line="673"/>
        <source>Suggesting in the project was cancelled</source>
        <translation>أُلغي الاقتراح في المشروع</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../command_text.py" line="22"/>
        <source>Delete span</source>
        <translation>حذف مقطع</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="23"/>
        <source>Change span boundaries</source>
        <translation>تغيير حدود المقطع</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="24"/>
        <source>Link mention to entity</source>
        <translation>ربط الإشارة بكيان</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="25"/>
        <source>Unlink mention</source>
        <translation>فكّ ربط الإشارة</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="26"/>
        <source>Accept suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="27"/>
        <source>Reject suggestion</source>
        <translation>رفض الاقتراح</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="28"/>
        <source>Edit entity</source>
        <translation>تحرير الكيان</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="29"/>
        <source>Add quote</source>
        <translation>إضافة اقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="30"/>
        <source>Delete quote</source>
        <translation>حذف الاقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="31"/>
        <source>Edit quote</source>
        <translation>تحرير الاقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="32"/>
        <source>Change quote kind</source>
        <translation>تغيير نوع الاقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="33"/>
        <source>Change quote speaker</source>
        <translation>تغيير متحدث الاقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="34"/>
        <source>Set quote cue</source>
        <translation>تعيين فعل القول للاقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="35"/>
        <source>Remove quote cue</source>
        <translation>إزالة فعل القول من الاقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="36"/>
        <source>Change quote content</source>
        <translation>تغيير محتوى الاقتباس</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="37"/>
        <source>Add stance</source>
        <translation>إضافة موقف</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="38"/>
        <source>Add article stance</source>
        <translation>إضافة موقف المقالة</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="39"/>
        <source>Edit stance</source>
        <translation>تحرير الموقف</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="40"/>
        <source>Change stance polarity</source>
        <translation>تغيير اتجاه الموقف</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="41"/>
        <source>Delete stance</source>
        <translation>حذف الموقف</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="42"/>
        <source>Add stance evidence</source>
        <translation>إضافة دليل على الموقف</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="43"/>
        <source>Remove stance evidence</source>
        <translation>إزالة دليل الموقف</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="44"/>
        <source>Mark article done</source>
        <translation>وضع علامة «منجزة» على المقالة</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="45"/>
        <source>Mark article in progress</source>
        <translation>وضع علامة «قيد العمل» على المقالة</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="46"/>
        <source>Mark article not started</source>
        <translation>وضع علامة «لم تبدأ» على المقالة</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="47"/>
        <source>Update article status</source>
        <translation>تحديث حالة المقالة</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="52"/>
        <source>Add %1 span</source>
        <translation>إضافة مقطع %1</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="53"/>
        <source>Relabel span as %1</source>
        <translation>إعادة تسمية المقطع إلى %1</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="54"/>
        <source>Delete %1 spans</source>
        <translation>حذف %1 مقطعًا</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="55"/>
        <source>Accept %1 suggestions</source>
        <translation>قبول %1 اقتراحًا</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="56"/>
        <source>Reject %1 suggestions</source>
        <translation>رفض %1 اقتراحًا</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="57"/>
        <source>Create entity %1</source>
        <translation>إنشاء الكيان %1</translation>
    </message>
    <message>
        <location filename="../command_text.py" line="58"/>
        <source>Create and link %1</source>
        <translation>إنشاء %1 وربطه</translation>
    </message>
</context>
<context>
    <name>CorrectDialog</name>
    <message>
        <location filename="../review_correct.py" line="35"/>
        <source>Correct %1</source>
        <translation>تصحيح %1</translation>
    </message>
    <message>
        <location filename="../review_correct.py" line="52"/>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <location filename="../review_correct.py" line="53"/>
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <location filename="../review_correct.py" line="57"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../review_correct.py" line="60"/>
        <source>Label</source>
        <translation>التسمية</translation>
    </message>
    <message>
        <location filename="../review_correct.py" line="63"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../review_correct.py" line="66"/>
        <source>Polarity</source>
        <translation>الاتجاه</translation>
    </message>
    <message>
        <location filename="../review_correct.py" line="92"/>
        <source>(empty: start must be before end)</source>
        <translation>(فارغ: يجب أن تسبق البدايةُ النهايةَ)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../export_dialog.py" line="203"/>
        <source>Export annotations</source>
        <translation>تصدير التعليقات</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="207"/>
        <source>Gold (adjudicated)</source>
        <translation>المرجع (بعد التحكيم)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="52"/>
        <source>Done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="53"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="54"/>
        <source>Not started</source>
        <translation>لم تبدأ</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="206"/>
        <source>Annotator: %1</source>
        <translation>المعلِّق: %1</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="208"/>
        <source>All layers (every annotator and gold)</source>
        <translation>كل الطبقات (كل المعلِّقين والمرجع)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="213"/>
        <source>Outermost entity only</source>
        <translation>الكيان الخارجي فقط</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="214"/>
        <source>Nested entities in a second tag column</source>
        <translation>الكيانات المتداخلة في عمود وسوم ثانٍ</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="215"/>
        <source>Include suggestions (marked as suggestions)</source>
        <translation>تضمين الاقتراحات (مع تمييزها كاقتراحات)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="216"/>
        <source>Split into train / dev / test (reports of the same story stay together)</source>
        <translation>التقسيم إلى تدريب / تطوير / اختبار (تبقى تقارير القصة نفسها معًا)</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="220"/>
        <source>Copies at Jaccard ≥</source>
        <translation>نسخ متطابقة عند جاكارد ≥</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="221"/>
        <source>Same event at cosine ≥</source>
        <translation>الحدث نفسه عند جيب التمام ≥</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="223"/>
        <source>Articles whose word shingles overlap this much (estimated Jaccard) are copies of one report and go to the same split (--dup-threshold).</source>
        <translation>المقالات التي تتداخل مقاطع كلماتها بهذا القدر (تقدير جاكارد) نسخٌ من تقرير واحد وتذهب إلى القسم نفسه (‎--dup-threshold).</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="226"/>
        <source>Groups whose distinctive words are this similar (cosine) report one event and go to the same split; 0 turns this pass off (--event-threshold).</source>
        <translation>المجموعات التي تتشابه كلماتها المميزة بهذا القدر (جيب التمام) تروي حدثًا واحدًا وتذهب إلى القسم نفسه؛ القيمة 0 تُوقف هذه المرحلة (‎--event-threshold).</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="228"/>
        <source>off</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="217"/>
        <source>train %</source>
        <translation>التدريب %</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="217"/>
        <source>dev %</source>
        <translation>التطوير %</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="217"/>
        <source>test %</source>
        <translation>الاختبار %</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="218"/>
        <source>seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="229"/>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="230"/>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="230"/>
        <source>Annotations</source>
        <translation>التعليقات</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="231"/>
        <source>Articles whose status is</source>
        <translation>المقالات التي حالتها</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="231"/>
        <source>Entity labels</source>
        <translation>تسميات الكيانات</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="232"/>
        <source>Nested entities</source>
        <translation>الكيانات المتداخلة</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="232"/>
        <source>Output</source>
        <translation>المخرجات</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="234"/>
        <source>&amp;Export</source>
        <translation>&amp;تصدير</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="321"/>
        <source>Export into folder</source>
        <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="337"/>
        <source>The train, dev and test percentages must add up to 100.</source>
        <translation>يجب أن يكون مجموع نسب التدريب والتطوير والاختبار 100.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="340"/>
        <source>Choose where to write the export.</source>
        <translation>اختر مكان كتابة التصدير.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="386"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="388"/>
        <source>Export failed: %1</source>
        <translation>تعذّر التصدير: %1</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="395"/>
        <source>Exported %1 articles (%2 spans, %3 quotes, %4 stances) in %5 s to:</source>
        <translation>صُدِّرت %1 مقالة (%2 مقطعًا، %3 اقتباسًا، %4 موقفًا) في %5 ث إلى:</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="407"/>
        <source>Export &amp;again</source>
        <translation>التصدير &amp;مجددًا</translation>
    </message>
    <message>
        <location filename="../export_dialog.py" line="324"/>
        <source>Export to</source>
        <translation>تصدير إلى</translation>
    </message>
</context>
<context>
    <name>FormsMixin</name>
    <message>
        <location filename="../workbench_forms.py" line="65"/>
        <source>Select a mention to link (click it or press Tab)</source>
        <translation>حدّد إشارة لربطها (انقرها أو اضغط Tab)</translation>
    </message>
    <message>
        <location filename="../workbench_forms.py" line="117"/>
        <source>Select the quoted text first, then press Q</source>
        <translation>حدّد النص المقتبس أولًا، ثم اضغط Q</translation>
    </message>
    <message>
        <location filename="../workbench_forms.py" line="145"/>
        <location filename="../workbench_forms.py" line="149"/>
        <source>Select the evidence text first, then press S</source>
        <translation>حدّد نص الدليل أولًا، ثم اضغط S</translation>
    </message>
    <message>
        <location filename="../workbench_forms.py" line="162"/>
        <source>Open a stance (S) or quote (Q) form, select text, then press E</source>
        <translation>افتح نموذج موقف (S) أو اقتباس (Q)، وحدّد نصًا، ثم اضغط E</translation>
    </message>
    <message>
        <location filename="../workbench_forms.py" line="168"/>
        <location filename="../workbench_forms.py" line="174"/>
        <source>Nothing to use: the selection holds no word</source>
        <translation>لا شيء لاستخدامه: التحديد لا يحوي أي كلمة</translation>
    </message>
    <message>
        <location filename="../workbench_forms.py" line="185"/>
        <source>Open a quote form (Q), select the cue word, then press C</source>
        <translation>افتح نموذج اقتباس (Q)، وحدّد فعل القول، ثم اضغط C</translation>
    </message>
</context>
<context>
    <name>GuidelinesDialog</name>
    <message>
        <location filename="../help.py" line="85"/>
        <source>Annotation guidelines</source>
        <translation>إرشادات التعليق</translation>
    </message>
    <message>
        <location filename="../help.py" line="90"/>
        <source>Edit file…</source>
        <translation>تحرير الملف…</translation>
    </message>
    <message>
        <location filename="../help.py" line="91"/>
        <source>Reload</source>
        <translation>إعادة التحميل</translation>
    </message>
    <message>
        <location filename="../help.py" line="106"/>
        <source>The guidelines file cannot be read: %1</source>
        <translation>تعذّرت قراءة ملف الإرشادات: %1</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../dialogs.py" line="51"/>
        <source>Link mention to entity</source>
        <translation>ربط الإشارة بكيان</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="57"/>
        <source>Search the project&apos;s entities…</source>
        <translation>ابحث في كيانات المشروع…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="63"/>
        <source>«%1» (%2)</source>
        <translation>«%1» (%2)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="86"/>
        <source>➕ Create new: «%1» (%2)</source>
        <translation>➕ إنشاء جديد: «%1» (%2)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="91"/>
        <source>✕ Remove the link to «%1»</source>
        <translation>✕ إزالة الربط بـ«%1»</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>&amp;Open project…</source>
        <extracomment>widths the search dock makes room for when it is opened (taken from the article list first)</extracomment>
        <translation>فتح &amp;مشروع…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>Switch &amp;annotator…</source>
        <translation>تبديل الم&amp;علِّق…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="138"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139"/>
        <source>&amp;Find articles</source>
        <translation>&amp;بحث في المقالات</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="139"/>
        <source>&amp;Search the project…</source>
        <translation>ال&amp;بحث في المشروع…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <source>Mark &amp;done and go to next</source>
        <translation>وضع علامة &amp;منجز والانتقال إلى التالي</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>&amp;Next unfinished article</source>
        <translation>المقالة غير المنجزة ال&amp;تالية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>&amp;Previous unfinished article</source>
        <translation>المقالة غير المنجزة ال&amp;سابقة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <source>Next article in list</source>
        <translation>المقالة التالية في القائمة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <source>Previous article in list</source>
        <translation>المقالة السابقة في القائمة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>&amp;Bigger text</source>
        <translation>تكبير ال&amp;نص</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>&amp;Smaller text</source>
        <translation>تصغير الن&amp;ص</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="144"/>
        <source>&amp;Reset layout</source>
        <translation>&amp;إعادة ضبط التخطيط</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="144"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="145"/>
        <source>Annotation &amp;guidelines</source>
        <translation>&amp;إرشادات التعليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="145"/>
        <source>&amp;Light theme</source>
        <translation>المظهر الفا&amp;تح</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146"/>
        <source>&amp;Dark theme</source>
        <translation>المظهر الدا&amp;كن</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153"/>
        <source>Undo</source>
        <translation>تراجع عن</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="165"/>
        <source>Search project</source>
        <translation>البحث في المشروع</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="186"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="187"/>
        <source>&amp;Annotate</source>
        <translation>ت&amp;عليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <source>A&amp;ssist</source>
        <translation>الم&amp;ساعدة الآلية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="189"/>
        <source>&amp;Review</source>
        <translation>الم&amp;راجعة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="190"/>
        <source>&amp;Navigate</source>
        <translation>ت&amp;نقل</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="191"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="193"/>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="197"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="231"/>
        <source>No other unfinished article in the list.</source>
        <translation>لا توجد مقالة أخرى غير منجزة في القائمة.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254"/>
        <source>Article done. Every article in the list is done.</source>
        <translation>أُنجزت المقالة. كل مقالات القائمة منجزة.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="257"/>
        <source>Article done.</source>
        <translation>أُنجزت المقالة.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="288"/>
        <source>Done %1</source>
        <translation>المنجز %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="289"/>
        <source>Annotator: %1</source>
        <translation>المعلِّق: %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321"/>
        <source>Now annotating as %1.</source>
        <translation>تعلّق الآن باسم %1.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="374"/>
        <source>Text size %1 pt</source>
        <translation>حجم النص %1 نقطة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="399"/>
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="400"/>
        <source>Edit</source>
        <translation>تحرير</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="402"/>
        <source>Annotate</source>
        <translation>تعليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="403"/>
        <source>Assist</source>
        <translation>المساعدة الآلية</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="404"/>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="405"/>
        <source>Navigate</source>
        <translation>تنقل</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="406"/>
        <source>View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="407"/>
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="415"/>
        <source>Annotation guidelines</source>
        <translation>إرشادات التعليق</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="416"/>
        <source>The guidelines file cannot be written: %1</source>
        <translation>تعذّرت كتابة ملف الإرشادات: %1</translation>
    </message>
</context>
<context>
    <name>MentionModel</name>
    <message>
        <location filename="../panels.py" line="150"/>
        <source>(suggested)</source>
        <translation>(مقترَح)</translation>
    </message>
    <message>
        <location filename="../panels.py" line="152"/>
        <source>(label not in the schema)</source>
        <translation>(التسمية غير موجودة في المخطط)</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../workers.py" line="144"/>
        <source>Cancel</source>
        <extracomment>while a task runs, the interpreter switches threads every millisecond instead of every 5: the GUI thread re-takes the GIL after each Qt call it makes, and waiting up to 5 ms each time behind a busy worker added up to stalls of a quarter second while painting (bench/bench_assist_gui.py)</extracomment>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../workers.py" line="173"/>
        <source>Stopping…</source>
        <translation>جارٍ الإيقاف…</translation>
    </message>
</context>
<context>
    <name>ProjectDialogs</name>
    <message>
        <location filename="../project_dialogs.py" line="57"/>
        <source>(process %1 on %2)</source>
        <translation>(العملية %1 على %2)</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="58"/>
        <source>this computer</source>
        <translation>هذا الحاسوب</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="60"/>
        <source>Another annotator window or process has this project open for writing %1. Close it there first, or open another project.</source>
        <translation>هذا المشروع مفتوح للكتابة في نافذة أو عملية أخرى %1. أغلقه هناك أولًا أو افتح مشروعًا آخر.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="63"/>
        <source>Cannot create the lock file %1 (is the folder read-only?).</source>
        <translation>تعذّر إنشاء ملف القفل %1 (هل المجلد للقراءة فقط؟).</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="75"/>
        <source>This project was saved by a newer version of annotator. Update annotator to open it; this version leaves the file untouched.</source>
        <translation>حُفظ هذا المشروع بإصدار أحدث من البرنامج. حدّث البرنامج لفتحه؛ لن يمسّ هذا الإصدار الملف.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="78"/>
        <source>The project&apos;s label schema is broken, so its labels cannot be shown.</source>
        <translation>مخطط التسميات في المشروع تالف، فلا يمكن عرض تسمياته.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="82"/>
        <source>The file is not an annotator project or cannot be read (it may be damaged, or locked by another program).</source>
        <translation>الملف ليس مشروع تعليق أو تتعذّر قراءته (ربما هو تالف أو مقفل من برنامج آخر).</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="85"/>
        <source>The project file cannot be read.</source>
        <translation>تتعذّر قراءة ملف المشروع.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="86"/>
        <source>The project cannot be opened.</source>
        <translation>يتعذّر فتح المشروع.</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="96"/>
        <source>Cannot open project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="97"/>
        <source>Cannot open the project %1</source>
        <translation>تعذّر فتح المشروع %1</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="99"/>
        <source>Open another project…</source>
        <translation>فتح مشروع آخر…</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="100"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="100"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="108"/>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="109"/>
        <source>Annotator projects (*.db *.sqlite);;All files (*)</source>
        <translation>مشاريع التعليق (*.db *.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="117"/>
        <source>Labels missing from the schema</source>
        <translation>تسميات غير موجودة في المخطط</translation>
    </message>
    <message>
        <location filename="../project_dialogs.py" line="118"/>
        <source>Some spans use labels that the project&apos;s schema does not define: %1. They are shown in grey and cannot be applied by key; add them back to the schema to edit them.</source>
        <translation>بعض المقاطع تستخدم تسميات لا يعرّفها مخطط المشروع: %1. تظهر باللون الرمادي ولا يمكن تطبيقها بمفتاح؛ أعد إضافتها إلى المخطط لتحريرها.</translation>
    </message>
</context>
<context>
    <name>QuoteEditor</name>
    <message>
        <location filename="../dialogs.py" line="226"/>
        <source>Edit quote</source>
        <translation>تحرير الاقتباس</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="226"/>
        <source>New quote</source>
        <translation>اقتباس جديد</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="247"/>
        <source>%1 (not in the schema)</source>
        <translation>%1 (غير موجود في المخطط)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="249"/>
        <source>Content</source>
        <translation>المحتوى</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="250"/>
        <source>Speaker</source>
        <translation>المتحدث</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="251"/>
        <source>Cue</source>
        <translation>فعل القول</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="252"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="255"/>
        <source>Click the speaker&apos;s mention in the text, or type a description. To move the content&apos;s boundaries select other text and press E; to make the selected text the cue press C. Enter saves, Esc cancels.</source>
        <translation>انقر إشارة المتحدث في النص أو اكتب وصفًا له. لتغيير حدود المحتوى حدّد نصًا آخر واضغط E؛ ولجعل النص المحدَّد فعلَ القول اضغط C. Enter للحفظ، Esc للإلغاء.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="264"/>
        <source>— no cue —</source>
        <translation>— بلا فعل قول —</translation>
    </message>
</context>
<context>
    <name>QuoteModel</name>
    <message>
        <location filename="../panels.py" line="188"/>
        <source>(suggested)</source>
        <translation>(مقترَح)</translation>
    </message>
</context>
<context>
    <name>ReviewItemModel</name>
    <message>
        <location filename="../review_model.py" line="50"/>
        <source>Kind</source>
        <extracomment>colours of the open statuses and of decided items (these read on light and dark backgrounds)</extracomment>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="50"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="50"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="50"/>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="50"/>
        <source>Versions</source>
        <translation>النسخ</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="55"/>
        <source>entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="55"/>
        <source>quote</source>
        <translation>اقتباس</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="55"/>
        <source>stance</source>
        <translation>موقف</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="60"/>
        <source>agreed</source>
        <translation>متفق عليه</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="60"/>
        <source>only one annotator</source>
        <translation>معلِّق واحد فقط</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="60"/>
        <source>label differs</source>
        <translation>التسمية مختلفة</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="61"/>
        <source>boundary differs</source>
        <translation>الحدود مختلفة</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="61"/>
        <source>accepted</source>
        <translation>مقبول</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="61"/>
        <source>corrected</source>
        <translation>مصحَّح</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="62"/>
        <source>rejected</source>
        <translation>مرفوض</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="78"/>
        <source>only %1</source>
        <translation>%1 فقط</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="103"/>
        <source>the article</source>
        <translation>المقالة</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="123"/>
        <location filename="../review_model.py" line="141"/>
        <source>, cue %1</source>
        <translation>، فعل القول %1</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="124"/>
        <source>quote (%1) by %2%3: %4</source>
        <translation>اقتباس (%1) لـ%2%3: %4</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="127"/>
        <location filename="../review_model.py" line="145"/>
        <source>stance: %1 → %2 → %3</source>
        <translation>موقف: %1 ← %2 ← %3</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="129"/>
        <source>, evidence %1</source>
        <translation>، الدليل %1</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="142"/>
        <source>quote (%1) by %2%3</source>
        <translation>اقتباس (%1) لـ%2%3</translation>
    </message>
    <message>
        <location filename="../review_model.py" line="151"/>
        <source>entity #%1</source>
        <translation>الكيان رقم %1</translation>
    </message>
</context>
<context>
    <name>ReviewLauncher</name>
    <message>
        <location filename="../review_window.py" line="147"/>
        <source>&amp;Review article</source>
        <translation>&amp;مراجعة المقالة</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="148"/>
        <source>A&amp;greement…</source>
        <translation>الا&amp;تفاق…</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="149"/>
        <source>A&amp;ssign articles…</source>
        <translation>إ&amp;سناد المقالات…</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="177"/>
        <source>Open an article to review first.</source>
        <translation>افتح مقالة لمراجعتها أولًا.</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <location filename="../review_view.py" line="153"/>
        <source>Merged</source>
        <translation>مدمج</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="154"/>
        <source>Side by side</source>
        <translation>جنبًا إلى جنب</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="188"/>
        <source>Next item</source>
        <translation>العنصر التالي</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="189"/>
        <source>Previous item</source>
        <translation>العنصر السابق</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="190"/>
        <source>Next open item</source>
        <translation>العنصر المفتوح التالي</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="191"/>
        <source>Accept item</source>
        <translation>قبول العنصر</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="192"/>
        <source>Reject item</source>
        <translation>رفض العنصر</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="193"/>
        <source>Correct item…</source>
        <translation>تصحيح العنصر…</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="194"/>
        <source>Accept all agreed items</source>
        <translation>قبول كل العناصر المتفق عليها</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="196"/>
        <source>Merged / side by side</source>
        <translation>مدمج / جنبًا إلى جنب</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="199"/>
        <source>Take version %1</source>
        <translation>اعتماد النسخة %1</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="241"/>
        <source>Gold</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="283"/>
        <source>nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="286"/>
        <source>%1 — %2 items: %3 — &lt;b&gt;decided %4/%2&lt;/b&gt; — gold: entities %5 · quotes %6 · stances %7</source>
        <translation>%1 — %2 عنصرًا: %3 — &lt;b&gt;حُسم %4/%2&lt;/b&gt; — المرجع: كيانات %5 · اقتباسات %6 · مواقف %7</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="332"/>
        <source>Taking %1&apos;s version</source>
        <translation>اعتماد نسخة %1</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="374"/>
        <source>&lt;b&gt;Decided: %1&lt;/b&gt; by %2, %3, from %4&apos;s version</source>
        <translation>&lt;b&gt;القرار: %1&lt;/b&gt; من %2، %3، من نسخة %4</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="377"/>
        <source>&lt;b&gt;Decided: %1&lt;/b&gt; by %2, %3</source>
        <translation>&lt;b&gt;القرار: %1&lt;/b&gt; من %2، %3</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="422"/>
        <source>This item is decided already; undo (Ctrl+Z) to decide again.</source>
        <translation>حُسم هذا العنصر بالفعل؛ تراجع (Ctrl+Z) لتقرّر من جديد.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="428"/>
        <source>Every item of this article is decided.</source>
        <translation>حُسمت كل عناصر هذه المقالة.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="462"/>
        <source>Nothing was changed: press A to accept the version as it is.</source>
        <translation>لم يتغيّر شيء: اضغط A لقبول النسخة كما هي.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="474"/>
        <source>No open agreed items.</source>
        <translation>لا توجد عناصر مفتوحة متفق عليها.</translation>
    </message>
    <message>
        <location filename="../review_view.py" line="478"/>
        <source>Accepted %1 agreed items.</source>
        <translation>قُبل %1 عنصرًا متفقًا عليه.</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../review_window.py" line="38"/>
        <source>Undo</source>
        <translation>تراجع عن</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="40"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="42"/>
        <source>Next article to review</source>
        <translation>المقالة التالية للمراجعة</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="45"/>
        <source>Previous article to review</source>
        <translation>المقالة السابقة للمراجعة</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="48"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="51"/>
        <source>&amp;Review</source>
        <translation>الم&amp;راجعة</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="64"/>
        <source>Review — %1</source>
        <translation>المراجعة — %1</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="70"/>
        <source>No further article to review.</source>
        <translation>لا توجد مقالات أخرى للمراجعة.</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <location filename="../schema_names.py" line="37"/>
        <source>direct</source>
        <extracomment>the default schema&apos;s quote kinds and stance polarities; another schema&apos;s values show as written</extracomment>
        <translation>مباشر</translation>
    </message>
    <message>
        <location filename="../schema_names.py" line="38"/>
        <source>indirect</source>
        <translation>غير مباشر</translation>
    </message>
    <message>
        <location filename="../schema_names.py" line="39"/>
        <source>mixed</source>
        <translation>مختلط</translation>
    </message>
    <message>
        <location filename="../schema_names.py" line="40"/>
        <source>favor</source>
        <translation>مؤيد</translation>
    </message>
    <message>
        <location filename="../schema_names.py" line="41"/>
        <source>against</source>
        <translation>معارض</translation>
    </message>
    <message>
        <location filename="../schema_names.py" line="42"/>
        <source>neutral</source>
        <translation>محايد</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../search_panel.py" line="233"/>
        <source>Search project</source>
        <translation>البحث في المشروع</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="235"/>
        <source>Search every article (امريكا finds أميركا, واشنطن finds بواشنطن)</source>
        <translation>ابحث في كل المقالات (امريكا تجد أميركا، وواشنطن تجد بواشنطن)</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="237"/>
        <source>&amp;Label all hits</source>
        <translation>&amp;وسم كل النتائج</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="270"/>
        <source>Search failed: %1</source>
        <translation>تعذّر البحث: %1</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="288"/>
        <source>No hits</source>
        <translation>لا نتائج</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="290"/>
        <source>The first %1 hits, in %2 articles (refine the search to see more)</source>
        <translation>أول %1 نتيجة، في %2 مقالة (ضيّق البحث لرؤية المزيد)</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="292"/>
        <source>1 hit in 1 article</source>
        <translation>نتيجة واحدة في مقالة واحدة</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="294"/>
        <source>%1 hits in 1 article</source>
        <translation>%1 نتيجة في مقالة واحدة</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="296"/>
        <source>%1 hits in %2 articles</source>
        <translation>%1 نتيجة في %2 مقالة</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="315"/>
        <source>Every hit of “%1” is already labelled</source>
        <translation>كل نتائج «%1» موسومة بالفعل</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="320"/>
        <source>Labelling the hits failed: %1</source>
        <translation>تعذّر وسم النتائج: %1</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="324"/>
        <source>%1 (%2 already labelled or overlapping a mention); Ctrl+Z undoes</source>
        <translation>%1 (%2 موسومة بالفعل أو متداخلة مع إشارة)؛ Ctrl+Z للتراجع</translation>
    </message>
    <message>
        <location filename="../search_panel.py" line="326"/>
        <source>%1; Ctrl+Z undoes</source>
        <translation>%1؛ Ctrl+Z للتراجع</translation>
    </message>
</context>
<context>
    <name>ShortcutSheetDialog</name>
    <message>
        <location filename="../help.py" line="115"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../help.py" line="142"/>
        <source>Entity labels (after selecting text)</source>
        <translation>تسميات الكيانات (بعد تحديد النص)</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../panels.py" line="330"/>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <location filename="../panels.py" line="330"/>
        <source>Quotes</source>
        <translation>الاقتباسات</translation>
    </message>
    <message>
        <location filename="../panels.py" line="330"/>
        <source>Stances</source>
        <translation>المواقف</translation>
    </message>
    <message>
        <location filename="../panels.py" line="332"/>
        <source>Article stance per topic</source>
        <translation>موقف المقالة من كل موضوع</translation>
    </message>
    <message>
        <location filename="../panels.py" line="334"/>
        <source>The stance the article as a whole takes on each topic of the schema</source>
        <translation>الموقف الذي تتخذه المقالة ككل من كل موضوع في المخطط</translation>
    </message>
    <message>
        <location filename="../panels.py" line="397"/>
        <source>%1 suggested</source>
        <translation>%1 مقترَحة</translation>
    </message>
    <message>
        <location filename="../panels.py" line="399"/>
        <source>%1 entities · %2 quotes · %3 stances</source>
        <translation>%1 كيانًا · %2 اقتباسًا · %3 موقفًا</translation>
    </message>
</context>
<context>
    <name>StanceEditor</name>
    <message>
        <location filename="../dialogs.py" line="324"/>
        <source>Edit stance</source>
        <translation>تحرير الموقف</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="324"/>
        <source>New stance</source>
        <translation>موقف جديد</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="334"/>
        <source>%1 (topic)</source>
        <translation>%1 (موضوع)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="347"/>
        <source>%1 (topic not in the schema)</source>
        <translation>%1 (موضوع غير موجود في المخطط)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="363"/>
        <source>%1 (not in the schema)</source>
        <translation>%1 (غير موجود في المخطط)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="373"/>
        <source>Add selected text as evidence (E)</source>
        <translation>إضافة النص المحدَّد دليلًا (E)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="374"/>
        <source>Holder</source>
        <translation>صاحب الموقف</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="375"/>
        <source>Target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="376"/>
        <source>Polarity</source>
        <translation>الاتجاه</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="377"/>
        <source>Evidence</source>
        <translation>الدليل</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="381"/>
        <source>Click the holder&apos;s mention in the text, or type a description. Select more text and press E to add evidence; Delete in the evidence list removes one. Enter saves, Esc cancels.</source>
        <translation>انقر إشارة صاحب الموقف في النص أو اكتب وصفًا له. حدّد نصًا آخر واضغط E لإضافة دليل؛ ويزيل Delete في قائمة الأدلة دليلًا. Enter للحفظ، Esc للإلغاء.</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="394"/>
        <source>— no evidence —</source>
        <translation>— بلا دليل —</translation>
    </message>
</context>
<context>
    <name>Tooltips</name>
    <message>
        <location filename="../tooltips.py" line="19"/>
        <source>suggested</source>
        <translation>مقترَح</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="24"/>
        <source>annotator: %1 · origin: %2</source>
        <translation>المعلِّق: %1 · المصدر: %2</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="34"/>
        <source>label not in the schema</source>
        <translation>التسمية غير موجودة في المخطط</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="39"/>
        <source>entity: %1 [%2]</source>
        <translation>الكيان: %1 [%2]</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="43"/>
        <source>entity: not linked</source>
        <translation>الكيان: غير مربوط</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="47"/>
        <source>speaker of «%1»</source>
        <translation>متحدث «%1»</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="54"/>
        <source>cue</source>
        <translation>فعل القول</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="56"/>
        <source>quote (%1)</source>
        <translation>اقتباس (%1)</translation>
    </message>
    <message>
        <location filename="../tooltips.py" line="62"/>
        <source>stance evidence</source>
        <translation>دليل موقف</translation>
    </message>
</context>
<context>
    <name>UndoAdapter</name>
    <message>
        <location filename="../undo.py" line="70"/>
        <source>Could not undo “%1”: %2</source>
        <translation>تعذّر التراجع عن «%1»: %2</translation>
    </message>
    <message>
        <location filename="../undo.py" line="70"/>
        <source>Could not redo “%1”: %2</source>
        <translation>تعذّرت إعادة «%1»: %2</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../workbench.py" line="163"/>
        <source>Cannot open article %1: %2</source>
        <translation>تعذّر فتح المقالة %1: %2</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="192"/>
        <source>%1 mention(s) carry labels that are not in the project&apos;s schema (%2): they are drawn in grey. Select one and press a label key to relabel it.</source>
        <translation>تحمل %1 إشارة تسميات غير موجودة في مخطط المشروع (%2): تُرسم باللون الرمادي. حدّد إحداها واضغط مفتاح تسمية لإعادة تسميتها.</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="227"/>
        <location filename="../workbench.py" line="245"/>
        <source>%1 failed: %2</source>
        <translation>تعذّر تنفيذ «%1»: %2</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="377"/>
        <source>Select text (or a mention) first</source>
        <translation>حدّد نصًا (أو إشارة) أولًا</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="382"/>
        <source>Nothing to tag: the selection holds no word</source>
        <translation>لا شيء للوسم: التحديد لا يحوي أي كلمة</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="428"/>
        <source>Select a mention, quote or stance first (click it or press Tab)</source>
        <translation>حدّد إشارة أو اقتباسًا أو موقفًا أولًا (انقره أو اضغط Tab)</translation>
    </message>
    <message>
        <location filename="../workbench.py" line="443"/>
        <source>Select a suggestion (dashed outline) to accept it</source>
        <translation>حدّد اقتراحًا (ذا إطار متقطع) لقبوله</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="40"/>
        <source>Tag %1 (%2)</source>
        <translation>وسم %1 (%2)</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="49"/>
        <source>Tag %1 exactly as selected (keep و ف ب ل ك)</source>
        <translation>وسم %1 كما حُدِّد تمامًا (مع إبقاء و ف ب ل ك)</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="57"/>
        <source>Delete selected annotation</source>
        <translation>حذف التعليق المحدَّد</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="63"/>
        <source>Accept suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="69"/>
        <source>Link mention to entity…</source>
        <translation>ربط الإشارة بكيان…</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="74"/>
        <source>Mark quote…</source>
        <translation>تحديد اقتباس…</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="76"/>
        <source>Mark stance evidence…</source>
        <translation>تحديد دليل موقف…</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="82"/>
        <source>Use selection in the open form (stance evidence, quote content)</source>
        <translation>استخدام التحديد في النموذج المفتوح (دليل الموقف، محتوى الاقتباس)</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="90"/>
        <source>Use selection as the quote&apos;s cue</source>
        <translation>استخدام التحديد فعلَ قولٍ للاقتباس</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="96"/>
        <source>Clear selection</source>
        <translation>مسح التحديد</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="104"/>
        <source>Next mention</source>
        <translation>الإشارة التالية</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="110"/>
        <source>Previous mention</source>
        <translation>الإشارة السابقة</translation>
    </message>
    <message>
        <location filename="../workbench_actions.py" line="116"/>
        <source>Edit the selected quote or stance (link a mention)…</source>
        <translation>تحرير الاقتباس أو الموقف المحدَّد (ربط إشارة)…</translation>
    </message>
</context>
<context>
    <name>_Editor</name>
    <message>
        <location filename="../dialogs.py" line="146"/>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="148"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
</TS>
