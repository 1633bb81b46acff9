/* cg-demo.c
 *
 * Copyright 2026 The Changgu authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A realistic demo store, generated deterministically from a seed, written
 * through the store's own write path (cg_store_put: validation, revisions,
 * projections, search terms) so that it exercises exactly what the app does.
 *
 * Determinism
 *   Every customer draws from its own random stream, derived from the seed
 *   and the customer's index, so the batch size changes nothing. Shared
 *   state is small and advances in index order: the order, case and daily
 *   ticket counters, the first orders and cases of a run (which take every
 *   status in turn, so that even a tiny store shows them all) and today's
 *   queue (spread evenly over the run). Times are laid out backwards from a
 *   fixed instant ("now", see clock_init()), not from the wall clock at the
 *   time each document is written.
 *
 * Uniqueness without memory
 *   Phones and e-mail addresses must be unique over a million customers
 *   without a million-entry set. Both come from keyed bijections of the
 *   customer index (a small Feistel network with cycle walking), so distinct
 *   indexes give distinct numbers by construction. The keys are fixed rather
 *   than seeded: a store that is appended to with another seed must not hand
 *   out a number twice, and appends continue the index where the last run
 *   stopped (meta "demo:next_customer").
 *
 * Memory
 *   Nothing is kept from one customer to the next but those counters; the
 *   working set is the JSON of one customer's documents plus SQLite's page
 *   cache, whatever the count.
 */
#define G_LOG_DOMAIN "cg-demo"

#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <sodium.h>

#include "cg-case.h"
#include "cg-demo.h"
#include "cg-device.h"
#include "cg-json.h"
#include "cg-pickup.h"
#include "cg-store.h"

/* Customers per transaction (about 40,000 documents). Every commit writes
 * each page it dirtied to the WAL and later back into the file, and the
 * random keys of the id and customer indexes dirty pages all over a large
 * store; at 300,000 customers, batches of 2,000 wrote 25 GB for a 1.5 GB
 * file, batches of 20,000 wrote 9 GB. Ten thousand keeps most of that
 * saving with a WAL of about 200 MB and a progress report every second or
 * two. Memory does not grow with it: SQLite's page cache is fixed. */
#define BATCH_CUSTOMERS 10000

#define DAY (24 * 3600)
#define HOUR 3600
#define MINUTE 60
/* The store is in Seoul; opening hours and "today" are Korean time. */
#define KST_OFFSET (9 * HOUR)
#define OPEN_FROM (10 * HOUR + 30 * MINUTE)
#define OPEN_UNTIL (21 * HOUR + 30 * MINUTE)
/* History spans two years; customers are at least a week old so that every
 * case status (closed ones included) fits after their first visit. */
#define HISTORY_DAYS 730
#define MIN_CUSTOMER_AGE_DAYS 7

/* Korean mobile numbers are 010-XXXX-YYYY with XXXX from 2000 to 9999:
 * 80 million numbers, the most customers one demo store can hold. */
#define PHONE_FIRST 20000000u
#define PHONE_COUNT 80000000u
#define MAX_CUSTOMERS PHONE_COUNT

/* Fixed keys of the index permutations (see the top of the file). */
#define PHONE_KEY G_GUINT64_CONSTANT (0x43475f50484f4e45)
#define EMAIL_KEY G_GUINT64_CONSTANT (0x43475f454d41494c)

#define FIRST_ORDER_NUMBER 1000001

/* ------------------------------------------------------------------------ */
/* Random numbers                                                            */

/* SplitMix64 (Steele, Lea, Flood 2014): one 64-bit word of state, passes
 * BigCrush, and every seed is a good seed, which is what per-customer
 * streams need. */
typedef struct {
  guint64 state;
} Rng;

static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rng_next (Rng *rng)
{
  rng->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  return mix64 (rng->state);
}

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  rng->state = mix64 (seed ^ mix64 (stream + G_GUINT64_CONSTANT (0x632be59bd9b4e019)));
}

/* Uniform in [0, n). The bias of the multiply-shift is below 2^-32. */
static inline guint32
rng_below (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * n) >> 32);
}

/* Uniform in [lo, hi]; lo when the range is empty. */
static gint64
rng_between (Rng    *rng,
             gint64  lo,
             gint64  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (rng_next (rng) % (guint64) (hi - lo + 1));
}

/* TRUE with probability @per_mille / 1000. */
static inline gboolean
rng_chance (Rng   *rng,
            guint  per_mille)
{
  return rng_below (rng, 1000) < per_mille;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* Index into @weights (which sum to @total) drawn by weight. */
static guint
rng_weighted (Rng          *rng,
              const guint  *weights,
              guint         n,
              guint         total)
{
  guint r = rng_below (rng, total);

  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static void
rng_hex (Rng  *rng,
         char *out,
         guint n_chars)
{
  static const char hex[] = "0123456789abcdef";
  guint64 bits = 0;

  for (guint i = 0; i < n_chars; i++)
    {
      if (i % 16 == 0)
        bits = rng_next (rng);
      out[i] = hex[bits & 0xf];
      bits >>= 4;
    }
  out[n_chars] = '\0';
}

/* A version-4-shaped UUID from the stream (not g_uuid_string_random(): ids
 * must repeat for the same seed). */
static void
rng_uuid (Rng  *rng,
          char  out[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint64 a = rng_next (rng), b = rng_next (rng);
  char *p = out;

  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (guint8) (a >> (8 * i));
      bytes[8 + i] = (guint8) (b >> (8 * i));
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xf];
    }
  *p = '\0';
}

/* A bijection of [0, n) keyed by @key: a four-round Feistel network on the
 * smallest even number of bits that covers n, walking the cycle until the
 * value falls back into range (Black and Rogaway's cycle walking). Distinct
 * inputs give distinct outputs, which is all that uniqueness needs. */
static guint64
permute (guint64 x,
         guint64 n,
         guint64 key)
{
  guint bits = 2;
  guint half;
  guint64 mask;

  g_assert (x < n);

  while ((G_GUINT64_CONSTANT (1) << bits) < n)
    bits += 2;
  half = bits / 2;
  mask = (G_GUINT64_CONSTANT (1) << half) - 1;
  do
    {
      guint64 left = x >> half, right = x & mask;
      for (guint round = 0; round < 4; round++)
        {
          guint64 f = mix64 (right ^ key ^ ((guint64) round << 56)) & mask;
          guint64 next = left ^ f;
          left = right;
          right = next;
        }
      x = (left << half) | right;
    }
  while (x >= n);
  return x;
}

/* The number in a customer's e-mail address: unique per index, short for
 * small stores. Indexes 0–99 get 0–99, 100–999 get 100–999, and so on, each
 * block shuffled, so the numbers do not betray the order of creation. */
static guint64
email_number (guint64 index)
{
  guint64 block = 100;

  if (index < block)
    return permute (index, block, EMAIL_KEY);
  while (index >= block * 10)
    block *= 10;
  return block + permute (index - block, block * 9, EMAIL_KEY ^ block);
}

/* ------------------------------------------------------------------------ */
/* Names                                                                     */

typedef struct {
  const char *hangul;
  const char *roman;   /* the customary spelling, not strict RR (Lee, Park) */
  guint       weight;  /* per 10,000 people, after the 2015 census */
} FamilyName;

static const FamilyName family_names[] = {
  { "김", "kim", 2147 }, { "이", "lee", 1470 }, { "박", "park", 844 },
  { "최", "choi", 470 }, { "정", "jung", 431 }, { "강", "kang", 236 },
  { "조", "cho", 211 }, { "윤", "yoon", 204 }, { "장", "jang", 199 },
  { "임", "lim", 166 }, { "한", "han", 151 }, { "오", "oh", 151 },
  { "서", "seo", 147 }, { "신", "shin", 144 }, { "권", "kwon", 141 },
  { "황", "hwang", 140 }, { "안", "ahn", 136 }, { "송", "song", 134 },
  { "전", "jeon", 113 }, { "홍", "hong", 112 }, { "유", "yoo", 107 },
  { "고", "ko", 91 }, { "문", "moon", 90 }, { "양", "yang", 89 },
  { "손", "son", 89 }, { "배", "bae", 78 }, { "백", "baek", 74 },
  { "허", "heo", 64 }, { "노", "noh", 59 }, { "남", "nam", 54 },
  { "심", "shim", 53 }, { "하", "ha", 45 }, { "곽", "kwak", 40 },
  { "성", "sung", 40 }, { "차", "cha", 39 }, { "주", "joo", 39 },
  { "우", "woo", 38 }, { "구", "koo", 38 }, { "민", "min", 33 },
  { "진", "jin", 33 }, { "지", "ji", 30 }, { "나", "na", 29 },
  { "류", "ryu", 28 }, { "엄", "eom", 28 }, { "채", "chae", 25 },
  { "원", "won", 24 }, { "천", "cheon", 22 }, { "방", "bang", 21 },
  { "공", "kong", 18 }, { "현", "hyun", 18 }, { "함", "ham", 17 },
  { "변", "byun", 17 }, { "염", "yeom", 14 }, { "여", "yeo", 12 },
  { "추", "choo", 12 }, { "도", "do", 11 }, { "소", "so", 10 },
  { "석", "seok", 10 }, { "선", "sun", 9 }, { "설", "seol", 8 },
  { "마", "ma", 8 }, { "길", "gil", 8 }, { "연", "yeon", 8 },
  { "위", "wi", 7 }, { "표", "pyo", 6 }, { "명", "myung", 6 },
  { "기", "ki", 6 }, { "반", "ban", 5 }, { "라", "ra", 5 },
  { "왕", "wang", 5 }, { "금", "keum", 5 }, { "옥", "ok", 5 },
  { "육", "yuk", 4 }, { "인", "in", 4 }, { "맹", "maeng", 4 },
  { "제", "je", 4 }, { "모", "mo", 4 }, { "탁", "tak", 3 },
  { "국", "kook", 3 }, { "은", "eun", 3 }, { "편", "pyeon", 3 },
  { "남궁", "namgung", 2 }, { "황보", "hwangbo", 1 }, { "제갈", "jegal", 1 },
  { "선우", "sunwoo", 1 }, { "독고", "dokgo", 1 },
};

/* Given names: half from names that were actually popular over the last
 * decades, half made of two syllables common in names of each gender, which
 * gives the variety (and the duplicates) of a real customer base. */
static const char * const popular_given_names[] = {
  "민준", "서준", "도윤", "예준", "시우", "하준", "지호", "주원", "지후", "준우",
  "준서", "건우", "도현", "현우", "지훈", "우진", "선우", "서진", "민재", "현준",
  "연우", "유준", "정우", "승우", "승현", "시윤", "준혁", "은우", "지환", "승민",
  "영수", "영호", "성호", "정훈", "성훈", "동현", "상민", "재훈", "민수", "진우",
  "서연", "서윤", "지우", "서현", "민서", "하은", "하윤", "윤서", "지유", "지민",
  "채원", "지윤", "은서", "수아", "다은", "예은", "지아", "수빈", "소율", "예린",
  "미영", "정희", "영희", "경숙", "미경", "은영", "현주", "지혜", "수진", "혜진",
};

static const char * const given_first_m[] = {
  "민", "서", "도", "예", "시", "하", "지", "주", "준", "건", "현", "우", "선",
  "승", "유", "정", "태", "재", "동", "성", "영", "상", "진", "경", "윤", "한",
};
static const char * const given_second_m[] = {
  "준", "우", "호", "윤", "원", "후", "현", "진", "민", "수", "훈", "혁", "빈",
  "규", "성", "찬", "재", "석", "환", "율", "안", "결",
};
static const char * const given_first_f[] = {
  "서", "지", "하", "민", "수", "예", "채", "다", "소", "은", "유", "가", "윤",
  "시", "나", "혜", "미", "연", "현", "주", "아", "세",
};
static const char * const given_second_f[] = {
  "연", "윤", "아", "은", "민", "원", "빈", "린", "율", "영", "진", "희", "경",
  "정", "현", "서", "유", "인", "나", "혜", "주",
};

static const char * const english_first_names[] = {
  "James", "Michael", "David", "Daniel", "Matthew", "Andrew", "Thomas", "Ryan",
  "Kevin", "Brian", "Jason", "Eric", "Samuel", "Benjamin", "Nathan", "Lucas",
  "Oliver", "Henry", "Jack", "Ethan", "William", "Alexander", "Joshua", "Aaron",
  "Patrick", "Sean", "Adam", "Mark", "Peter", "Paul",
  "Emily", "Olivia", "Sophia", "Emma", "Grace", "Chloe", "Hannah", "Sarah",
  "Jessica", "Jennifer", "Rachel", "Laura", "Amy", "Megan", "Lauren", "Natalie",
  "Victoria", "Charlotte", "Amelia", "Isabella", "Lily", "Zoe", "Anna", "Claire",
  "Julia", "Rebecca", "Katherine", "Elizabeth", "Rose", "Nicole",
};

static const char * const english_last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
  "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson",
  "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young",
  "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
  "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner",
  "Parker", "Collins", "Edwards", "Stewart", "Morris", "Murphy", "Cook",
  "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey", "Bell", "Kelly",
  "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett",
  "Gray", "Hughes", "Price", "Sanders", "Foster", "Russell", "Fisher", "Hayes",
  "Graham", "Wallace", "Murray", "Ellis", "Palmer", "Fraser", "Nguyen", "Tanaka",
  "Chen", "Wong", "Garcia",
};

static const char * const ko_mail_domains[] = {
  "naver.com", "naver.com", "naver.com", "naver.com", "gmail.com", "gmail.com",
  "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com",
};
static const char * const en_mail_domains[] = {
  "gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com",
  "icloud.com", "hotmail.com", "proton.me",
};

/* Revised Romanization of a Hangul syllable, by its jamo. Given names in
 * e-mail addresses are written this way (민준 → minjun, 서연 → seoyeon). */
static void
romanise (GString    *out,
          const char *hangul)
{
  static const char * const initials[] = {
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
    "ch", "k", "t", "p", "h" };
  static const char * const medials[] = {
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
    "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i" };
  static const char * const finals[] = {
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p",
    "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t" };

  for (const char *p = hangul; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      guint s;

      if (c < 0xAC00 || c > 0xD7A3)
        continue;
      s = c - 0xAC00;
      g_string_append (out, initials[s / 588]);
      g_string_append (out, medials[(s % 588) / 28]);
      g_string_append (out, finals[s % 28]);
    }
}

/* ------------------------------------------------------------------------ */
/* Products                                                                  */

/* Product categories, with what the FAQ says about each. */
typedef struct {
  const char *slug;
  const char *ko;
  const char *en;
  guint       return_days;
  const char *return_ko;     /* the condition for a return */
  const char *return_en;
  const char *warranty_ko;   /* what the warranty covers, with its period */
  const char *warranty_en;
  const char *handling_ko;   /* delivery and pickup particulars */
  const char *handling_en;
} ProductCategory;

static const ProductCategory product_categories[] = {
  { "electronics", "디지털 기기", "electronics", 14,
    "미개봉 상품이거나 확인용으로만 개봉한 상품으로, 모든 구성품과 설명서, 상자가 있어야 합니다. 계정에 등록했거나 활성화한 기기는 불량인 경우에만 반품할 수 있습니다.",
    "The item must be unopened, or opened only to check it, with every accessory, the manual and the box. A device that has been activated or registered to an account can be returned only if it is faulty.",
    "디지털 기기는 구매일부터 12개월 동안 품질이 보증되며, 제조사 보증도 함께 적용됩니다. 배터리는 6개월 동안 보증됩니다.",
    "Items in our electronics range come with a 12-month warranty from the date of purchase, on top of the manufacturer's warranty. Batteries are covered for 6 months.",
    "기기는 개봉 방지 봉투에 담아 보관합니다. 창구를 떠나기 전에 봉인 상태를 확인해 주세요.",
    "Devices are kept in tamper-evident bags; check the seal before you leave the counter." },
  { "appliances", "가전제품", "home appliances", 7,
    "사용하지 않았고 설치하지 않은 상품이어야 합니다. 설치 기사가 설치한 가전은 불량인 경우에만 반품할 수 있습니다.",
    "The appliance must be unused and not installed. Once our technician has installed it, it can be returned only if it is faulty.",
    "가전제품은 구매일부터 24개월 동안 품질이 보증되며, 모터와 컴프레서는 5년, 설치 불량은 12개월 동안 보증됩니다.",
    "Items in our home appliances range come with a 24-month warranty from the date of purchase; motors and compressors are covered for 5 years and the installation for 12 months.",
    "대형 가전은 약속한 날짜에 배송하고 설치해 드리며, 쓰던 가전은 무료로 수거해 드립니다.",
    "Large appliances are delivered and installed on the day you choose, and we take the old appliance away free of charge." },
  { "kitchen", "주방용품", "kitchenware", 30,
    "사용하지 않은 깨끗한 상태여야 하며, 한 번이라도 가열한 코팅 팬은 불량이 아니면 반품할 수 없습니다.",
    "It must be unused and clean. A non-stick pan that has been heated can be returned only if it is faulty.",
    "전기 주방용품은 구매일부터 12개월 동안 품질이 보증됩니다. 사용하면서 코팅이 닳는 것은 불량에 해당하지 않습니다.",
    "Electric items in our kitchenware range come with a 12-month warranty from the date of purchase. Normal wear of non-stick coatings is not a defect.",
    "도자기처럼 깨지기 쉬운 상품은 완충재를 더 넣어 포장합니다. 원하시면 창구에서 직원과 함께 상자를 열어 확인하실 수 있습니다.",
    "Fragile items such as porcelain are packed with extra padding; if you like, open the box at the counter and we will check it with you." },
  { "home", "리빙·가구", "home and furniture", 14,
    "사용하지 않고 원래 포장 그대로여야 합니다. 조립한 가구와 밀봉 포장을 뜯은 침구는 불량이 아니면 반품할 수 없습니다.",
    "It must be unused and in its original packaging. Furniture that has been assembled, and bedding taken out of its sealed bag, can be returned only if it is faulty.",
    "가구의 구조적 결함은 구매일부터 12개월 동안 보증됩니다. 햇빛에 의한 원단 변색은 보증되지 않습니다.",
    "Structural defects of furniture are covered for 12 months from the date of purchase; fading of fabrics in sunlight is not.",
    "30kg이 넘는 가구는 두 명의 기사가 원하시는 방까지 옮겨 드리며, 조립은 추가 비용으로 예약하실 수 있습니다.",
    "Furniture over 30 kg is carried to the room of your choice by two people; assembly can be booked for a fee." },
  { "fashion", "패션 의류", "clothing", 30,
    "착용하거나 세탁하지 않았고 택이 붙어 있어야 합니다. 속옷과 수영복은 밀봉 상태에서만 반품할 수 있습니다.",
    "Clothes must be unworn and unwashed with the tags still attached. Underwear and swimwear can be returned only in their sealed packaging.",
    "의류는 구매일부터 6개월 동안 봉제, 지퍼, 단추 불량이 보증됩니다. 세탁 표시와 다르게 세탁해 생긴 보풀과 수축은 보증되지 않습니다.",
    "Clothing is covered for 6 months from the date of purchase against faulty seams, zips and buttons; pilling and shrinking from washing against the care label are not covered.",
    "온라인으로 주문한 옷은 찾아가시기 전에 매장 피팅룸에서 입어 보실 수 있습니다.",
    "You can try clothes on in the fitting room before you take an online order home." },
  { "beauty", "뷰티", "beauty products", 14,
    "화장품은 봉인을 뜯지 않은 미개봉 상태여야 합니다. 사용 후 피부 트러블이 생긴 경우 진료 소견서를 가져오시면 개봉한 상품도 환불해 드립니다.",
    "Cosmetics must be unopened with the seal intact. If a product caused a skin reaction, bring it with a doctor's note and we will refund it even if it is opened.",
    "헤어 드라이어 같은 뷰티 기기는 구매일부터 12개월 동안 보증되며, 화장품은 표시된 사용기한까지 품질을 보증합니다.",
    "Beauty devices such as hair dryers come with a 12-month warranty; cosmetics are guaranteed until the expiry date on the pack.",
    "화장품은 찾아가실 때까지 직사광선과 열을 피해 보관합니다.",
    "Cosmetics are kept away from heat and sunlight until you collect them." },
  { "sports", "스포츠·레저", "sports and outdoor gear", 30,
    "사용하지 않은 상품이어야 하며, 신발은 실내에서 신어 보기만 해서 밑창이 깨끗해야 합니다.",
    "It must be unused; shoes may have been tried on indoors only, with clean soles.",
    "스포츠 용품은 구매일부터 6개월 동안 보증되며, 신발은 정상적으로 사용하다 밑창이 떨어진 경우 보증됩니다.",
    "Sports and outdoor gear is covered for 6 months from the date of purchase; shoes are covered if the sole comes off in normal use.",
    "자전거와 부피가 큰 운동기구는 조립된 상태로 배송해 드립니다.",
    "Bicycles and large equipment are delivered fully assembled." },
  { "kids", "유아동·완구", "kids' products and toys", 14,
    "사용하지 않았고 포장과 KC 인증 표시가 그대로 있어야 합니다. 위생상 개봉한 치발기와 젖병은 반품할 수 없습니다.",
    "It must be unused, with its packaging and the KC safety mark. For hygiene reasons, opened teethers and baby bottles cannot be returned.",
    "유아동 용품은 구매일부터 12개월, 카시트는 24개월 동안 보증됩니다. 사고가 난 뒤에는 겉보기에 멀쩡해도 카시트를 꼭 교체해 주세요.",
    "Kids' products come with a 12-month warranty and car seats with 24 months. Always replace a car seat after an accident, even if it looks undamaged.",
    "카시트를 찾아가실 때 원하시면 직원이 차에 설치해 드립니다. 창구에 말씀해 주세요.",
    "When you pick up a car seat, our staff can fit it in your car; just ask at the counter." },
  { "stationery", "문구·도서", "stationery and books", 30,
    "사용하지 않은 상품이어야 하며, 필기한 다이어리나 도서는 반품할 수 없습니다.",
    "It must be unused; a planner or a book that has been written in cannot be returned.",
    "문구류는 구매일부터 6개월, 만년필은 잉크 샘에 대해 12개월 동안 보증됩니다. 떨어뜨려 휜 펜촉은 보증되지 않습니다.",
    "Stationery is covered for 6 months, and fountain pens for 12 months against leaks; a nib bent by a fall is not covered.",
    "작은 상품은 원하시면 우편으로 보내드리며, 5만 원 이상 주문은 배송비가 무료입니다.",
    "Small items can be sent by post if you prefer; postage is free on orders over 50,000 won." },
  { "food", "식품", "food and groceries", 7,
    "식품은 미개봉이고 유통기한이 지나지 않은 경우에만 반품할 수 있으며, 신선식품은 구매 당시 품질에 문제가 있을 때만 반품됩니다.",
    "Food can be returned only unopened and before its best-before date; fresh food only if it was not in good condition when you bought it.",
    "식품에는 품질보증 기간이 없지만, 판매 당시 불량이거나 유통기한이 지난 상품은 언제든 교환해 드립니다.",
    "Food has no warranty period, but we always replace a product that was faulty or past its date when we sold it.",
    "냉장·냉동 식품은 냉장 보관실에 보관하며, 픽업 안내 문자를 받은 뒤 24시간 안에 찾아가셔야 합니다.",
    "Chilled and frozen food is kept in the cold room and must be collected within 24 hours of the pickup message." },
};

typedef struct {
  const char *sku;
  guint       category;   /* index into product_categories */
  const char *ko;
  const char *en;
  gint64      price;      /* KRW */
} Product;

static const Product products[] = {
  { "EL-1001", 0, "무선 이어폰", "Wireless earbuds", 189000 },
  { "EL-1002", 0, "블루투스 스피커", "Bluetooth speaker", 89000 },
  { "EL-1003", 0, "스마트워치", "Smartwatch", 329000 },
  { "EL-1004", 0, "보조배터리 10000mAh", "Power bank 10,000 mAh", 39000 },
  { "EL-1005", 0, "USB-C 고속 충전기", "USB-C fast charger", 29000 },
  { "AP-2001", 1, "로봇청소기", "Robot vacuum cleaner", 599000 },
  { "AP-2002", 1, "공기청정기", "Air purifier", 349000 },
  { "AP-2003", 1, "전기밥솥", "Electric rice cooker", 259000 },
  { "AP-2004", 1, "에어프라이어", "Air fryer", 129000 },
  { "AP-2005", 1, "무선 청소기", "Cordless vacuum cleaner", 449000 },
  { "KT-3001", 2, "스테인리스 냄비 세트", "Stainless steel pot set", 149000 },
  { "KT-3002", 2, "논스틱 프라이팬 28cm", "Non-stick frying pan 28 cm", 45000 },
  { "KT-3003", 2, "도자기 식기 세트", "Porcelain dinnerware set", 89000 },
  { "KT-3004", 2, "전기 포트", "Electric kettle", 49000 },
  { "KT-3005", 2, "밀폐용기 10종 세트", "Food container set (10 pieces)", 35000 },
  { "HM-4001", 3, "메모리폼 베개", "Memory foam pillow", 59000 },
  { "HM-4002", 3, "극세사 이불", "Microfibre duvet", 119000 },
  { "HM-4003", 3, "원목 사이드 테이블", "Solid wood side table", 139000 },
  { "HM-4004", 3, "LED 스탠드", "LED desk lamp", 69000 },
  { "HM-4005", 3, "수납 선반", "Storage shelf", 79000 },
  { "FA-5001", 4, "경량 패딩 점퍼", "Lightweight down jacket", 129000 },
  { "FA-5002", 4, "캐시미어 머플러", "Cashmere scarf", 89000 },
  { "FA-5003", 4, "면 티셔츠", "Cotton T-shirt", 19900 },
  { "FA-5004", 4, "데님 팬츠", "Denim jeans", 59000 },
  { "FA-5005", 4, "가죽 벨트", "Leather belt", 49000 },
  { "BT-6001", 5, "수분 크림", "Moisturising cream", 38000 },
  { "BT-6002", 5, "선크림 SPF50+", "Sunscreen SPF50+", 22000 },
  { "BT-6003", 5, "쿠션 파운데이션", "Cushion foundation", 32000 },
  { "BT-6004", 5, "헤어 드라이어", "Hair dryer", 79000 },
  { "BT-6005", 5, "립밤", "Lip balm", 9000 },
  { "SP-7001", 6, "요가 매트", "Yoga mat", 35000 },
  { "SP-7002", 6, "러닝화", "Running shoes", 119000 },
  { "SP-7003", 6, "덤벨 세트", "Dumbbell set", 69000 },
  { "SP-7004", 6, "등산 배낭 30L", "Hiking backpack 30 L", 99000 },
  { "SP-7005", 6, "자전거 헬멧", "Bicycle helmet", 59000 },
  { "KD-8001", 7, "블록 완구 세트", "Building block set", 49000 },
  { "KD-8002", 7, "유아 카시트", "Child car seat", 289000 },
  { "KD-8003", 7, "그림책 전집", "Picture book collection", 120000 },
  { "KD-8004", 7, "RC 자동차", "Remote-control car", 45000 },
  { "KD-8005", 7, "봉제 인형", "Plush toy", 25000 },
  { "ST-9001", 8, "만년필", "Fountain pen", 79000 },
  { "ST-9002", 8, "2026 다이어리", "2026 planner", 18000 },
  { "ST-9003", 8, "태블릿 거치대", "Tablet stand", 29000 },
  { "ST-9004", 8, "색연필 48색", "Coloured pencils, 48 colours", 32000 },
  { "ST-9005", 8, "노트북 백팩", "Laptop backpack", 89000 },
  { "FD-0001", 9, "유기농 원두 1kg", "Organic coffee beans 1 kg", 39000 },
  { "FD-0002", 9, "명절 선물세트", "Holiday gift set", 59000 },
  { "FD-0003", 9, "견과류 선물세트", "Mixed nuts gift box", 45000 },
  { "FD-0004", 9, "홍삼 스틱 30포", "Red ginseng sticks (30)", 89000 },
  { "FD-0005", 9, "엑스트라 버진 올리브유 1L", "Extra virgin olive oil 1 L", 24000 },
};

static const char *
product_name (const Product *product,
              gboolean       korean)
{
  return korean ? product->ko : product->en;
}

/* ------------------------------------------------------------------------ */
/* FAQ articles                                                              */

/* A topic written once per language and expanded for every product
 * category: {cat} is the category's name, {days} its return window, {cond}
 * its return condition, {warranty} its warranty, {handling} its delivery
 * and pickup particulars, {example} one of its products. Korean templates
 * put 상품 after {cat} so that no particle has to agree with it. */
typedef struct {
  const char *slug;
  const char *category;      /* the article's category (the kiosk's FAQ section) */
  const char *tag_ko;
  const char *tag_en;
  const char *title_ko;
  const char *title_en;
  const char *body_ko;
  const char *body_en;
} Topic;

static const Topic category_topics[] = {
  { "returns", "returns", "반품", "returns",
    "{cat} 상품은 어떻게 반품하나요?",
    "How do I return {cat}?",
    "{cat} 상품은 구매일 또는 픽업일로부터 {days}일 이내에 반품하실 수 있습니다. {cond}\n\n"
    "상품과 원래 포장, 영수증(또는 주문번호)을 가지고 고객센터 창구로 방문해 주세요. 온라인으로 구매하신 경우 주문 상세 화면에서 반품을 신청한 뒤 창구에 상품을 맡기셔도 됩니다.\n\n"
    "- 키오스크에서 번호표를 뽑고 ‘반품’을 선택하세요.\n"
    "- 창구에서 상품 상태를 확인한 뒤 반품 접수증을 드립니다.\n"
    "- 환불은 결제하신 수단으로 진행됩니다.\n\n"
    "사용으로 인한 훼손이나 구성품 누락이 있으면 반품이 거절되거나 일부 금액만 환불될 수 있습니다.",
    "You can return {cat} within {days} days of purchase or pickup. {cond}\n\n"
    "Bring the item, its original packaging and your receipt (or the order number) to the service counter. If you bought online, you can also start the return from your order page and drop the item off at the counter.\n\n"
    "- Take a ticket at the kiosk and choose “Return”.\n"
    "- We check the item at the counter and give you a return receipt.\n"
    "- The refund goes back to the payment method you used.\n\n"
    "Items damaged by use, or with parts missing, may be refused or refunded in part." },
  { "refunds", "refunds", "환불", "refunds",
    "{cat} 상품 환불은 언제 되나요?",
    "When will I get my refund for {cat}?",
    "창구에서 {cat} 상품의 반품이 접수되면 환불은 당일에 시작됩니다. {cat} 상품의 반품 기간은 구매일로부터 {days}일입니다.\n\n"
    "- 신용·체크카드: 즉시 승인 취소되며, 카드사에 따라 3~7영업일 뒤 명세서에 반영됩니다.\n"
    "- 현금: 창구에서 바로 돌려드립니다.\n"
    "- 간편결제(카카오페이, 네이버페이, 삼성페이): 보통 1~3영업일 걸립니다.\n"
    "- 상품권과 포인트: 같은 상품권이나 멤버십 계정으로 즉시 돌려드립니다.\n\n"
    "7영업일이 지나도 환불이 확인되지 않으면 반품 접수증을 가지고 창구에 문의해 주세요. 카드사에 확인하실 수 있도록 승인취소 번호를 알려드립니다.",
    "Once we accept the return of {cat} at the counter, the refund starts the same day. Returns of {cat} are accepted within {days} days of purchase.\n\n"
    "- Credit and debit cards: the payment is cancelled at once; your card company shows it within 3–7 business days.\n"
    "- Cash: refunded at the counter straight away.\n"
    "- Mobile payments (KakaoPay, Naver Pay, Samsung Pay): usually within 1–3 business days.\n"
    "- Gift cards and points: returned to the same card or membership account immediately.\n\n"
    "If the refund has not appeared after 7 business days, ask at the counter with your return receipt and we will give you the cancellation reference for your card company." },
  { "exchanges", "exchanges", "교환", "exchanges",
    "{cat} 상품을 교환할 수 있나요?",
    "Can I exchange {cat}?",
    "네. 구매 후 {days}일 이내라면 {cat} 상품을 같은 가격의 다른 사이즈, 색상 또는 모델로 교환하실 수 있습니다. {cond}\n\n"
    "새 상품이 더 비싸면 차액을 결제하시고, 더 저렴하면 차액을 결제하신 수단으로 환불해 드립니다.\n\n"
    "원하시는 상품이 이 매장에 없으면 픽업 주문으로 받아 드리며, 새 상품이 도착할 때까지 기존 상품은 가지고 계셔도 됩니다.",
    "Yes. Within {days} days of purchase you can exchange {cat} for the same product in another size, colour or model of the same price. {cond}\n\n"
    "If the new item costs more, you pay the difference; if it costs less, we refund the difference to the payment method you used.\n\n"
    "If the item you want is out of stock at this store, we order it for pickup, and you keep the original item until the new one arrives." },
  { "warranty", "warranty", "품질보증", "warranty",
    "{cat} 상품 품질보증 안내",
    "Warranty for {cat}",
    "{warranty}\n\n"
    "보증 기간은 구매일부터 시작되며, 영수증이나 주문번호가 구매 증빙이 됩니다. 멤버십 회원은 구매 내역이 계정에 저장되어 있어 종이 영수증이 없어도 됩니다.\n\n"
    "떨어뜨리거나 물에 젖은 경우, 잘못 사용한 경우, 다른 곳에서 수리한 경우에는 보증이 적용되지 않습니다.",
    "{warranty}\n\n"
    "The warranty starts on the day of purchase; your receipt or order number is the proof of purchase. Members do not need the paper receipt, because their purchases are saved in their account.\n\n"
    "The warranty does not cover damage from drops or liquids, misuse, or repairs made elsewhere." },
  { "repairs", "repairs", "수리", "repairs",
    "{cat} 상품 수리와 A/S",
    "Repairs and after-sales service for {cat}",
    "{example} 등 {cat} 상품은 구매 증빙과 함께 고객센터 창구로 가져와 주세요. 상태를 확인한 뒤 상담 건을 접수하고 접수번호를 알려드리므로 진행 상황을 언제든 확인하실 수 있습니다.\n\n"
    "- 보증 기간 안: 수리나 교환이 무료입니다. 14일 안에 수리가 어려우면 새 상품으로 교환하거나 환불해 드립니다.\n"
    "- 보증 기간 후: 유상 수리 전에 반드시 견적을 먼저 안내해 드립니다.\n\n"
    "수리 진행 상황은 키오스크나 창구에서 접수번호로 확인하실 수 있으며, 수리가 끝나면 문자로 알려드립니다.",
    "Bring the item (for example the {example}) to the service counter with the proof of purchase. We check it, open a case and give you the case number, so you can follow the repair at any time.\n\n"
    "- Under warranty: repair or replacement is free. If it cannot be repaired within 14 days, we replace it or refund it.\n"
    "- Out of warranty: we always give you a quote before a paid repair.\n\n"
    "You can check the progress by case number at the kiosk or the counter, and we send a text message when the item is ready to collect." },
  { "pickup", "pickup", "매장 픽업", "pickup",
    "온라인으로 주문한 {cat} 상품 매장 픽업",
    "Picking up {cat} ordered online",
    "주문하신 상품이 준비되면 주문번호가 담긴 문자를 보내드립니다. 픽업 주문은 7일 동안 보관합니다.\n\n"
    "1. 키오스크에서 ‘주문 상품 찾기’를 누르고 주문번호와 휴대폰 번호 뒤 4자리를 입력하세요.\n"
    "2. 번호표를 받고 순서를 기다려 주세요.\n"
    "3. 창구에서 주문번호를 알려 주시면 휴대폰 번호, 신분증 또는 픽업 코드로 확인한 뒤 상품을 드립니다.\n\n"
    "{handling} 주문번호와 픽업 코드를 알고 있다면 다른 분이 대신 찾아가셔도 됩니다.",
    "When your order is ready, we send you a text message with the order number. Pickup orders are kept for 7 days.\n\n"
    "1. At the kiosk, choose “Pick up an order” and enter the order number and the last 4 digits of your phone number.\n"
    "2. Take the ticket and wait for your number.\n"
    "3. At the counter, give the order number; we check it against your phone number, an ID or the pickup code and hand over the order.\n\n"
    "{handling} Someone else can pick up for you if they have the order number and the pickup code." },
  { "delivery", "delivery", "배송", "delivery",
    "{cat} 상품 배송 안내",
    "Delivery of {cat}",
    "{handling}\n\n"
    "일반 배송은 서울·수도권 2~3영업일, 그 밖의 지역은 3~5영업일 걸립니다. 5만 원 이상 주문은 무료로 배송해 드립니다.\n\n"
    "상품이 출고되면 보내드리는 문자의 링크에서 배송 상황을 확인하실 수 있습니다. 예정일보다 2일 이상 늦어지면 창구나 전화로 문의해 주세요. 택배사와 함께 확인해 드립니다.",
    "{handling}\n\n"
    "Standard delivery takes 2–3 business days in Seoul and the metropolitan area and 3–5 days elsewhere. Orders over 50,000 won are delivered free of charge.\n\n"
    "Follow the delivery from the link in the text message we send when it leaves the warehouse. If it is more than 2 days late, ask at the counter or by phone and we will look into it with the carrier." },
  { "defects", "defects", "불량", "faulty items",
    "{cat} 상품이 파손되었거나 불량이에요",
    "My {cat} order arrived damaged or faulty",
    "불편을 드려 죄송합니다. 배송 또는 픽업 후 7일 이내에 알려 주시면 반품 기간과 관계없이 교환하거나 전액 환불해 드립니다.\n\n"
    "- 포장재를 버리지 마시고 파손 부위를 사진으로 남겨 주세요.\n"
    "- 상품을 창구로 가져오시거나, 키오스크의 ‘문제 신고’에서 접수하시면 연락드립니다.\n"
    "- 부피가 큰 {cat} 상품은 댁으로 회수하러 방문합니다.\n\n"
    "{warranty}",
    "We are sorry. Tell us within 7 days of delivery or pickup and we will replace the item or refund it in full, whatever the return window.\n\n"
    "- Keep the packaging and take photos of the damage.\n"
    "- Bring the item to the counter, or report it at the kiosk (“Report a problem”) and we will call you.\n"
    "- We collect large items from your home.\n\n"
    "{warranty}" },
  { "price-drop", "pricing", "가격", "prices",
    "{cat} 상품을 산 뒤 가격이 내렸어요",
    "The price of {cat} dropped after I bought it",
    "구매 후 7일 이내에 이 매장에서 같은 {cat} 상품의 가격이 내려가면 차액을 돌려드립니다. 영수증이나 주문번호를 가지고 창구로 오세요.\n\n"
    "기간 한정 행사, 재고 정리 상품, 쿠폰 할인, 다른 판매처의 가격에는 적용되지 않습니다.",
    "If the price of the same item drops at this store within 7 days of your purchase, we refund the difference. Bring your receipt or order number to the counter.\n\n"
    "This does not apply to limited-time promotions, clearance items, coupon discounts or the prices of other retailers." },
};

/* Topics that are not about a product category. */
typedef struct {
  const char *slug;
  const char *category;
  const char *tags_ko;   /* space-separated */
  const char *tags_en;
  const char *title_ko;
  const char *title_en;
  const char *body_ko;
  const char *body_en;
} GeneralArticle;

static const GeneralArticle general_articles[] = {
  { "store-hours", "store", "영업시간 휴무", "hours holidays",
    "매장 영업시간과 휴무일", "Store hours and holidays",
    "매장은 매일 10:30부터 22:00까지 영업합니다. 고객센터 창구는 21:30에 마감하며, 마지막 번호표는 21:15에 발급됩니다.\n\n"
    "설날과 추석 당일은 휴무이며, 그 전날과 다음 날은 20:00에 문을 닫습니다. 영업시간이 바뀌면 키오스크 화면과 회원 문자로 알려드립니다.\n\n"
    "픽업 준비가 끝난 주문은 그날 창구 마감 시간까지 찾아가실 수 있습니다.",
    "The store is open every day from 10:30 to 22:00. The service counter closes at 21:30, and the last queue ticket is given out at 21:15.\n\n"
    "We are closed on the days of Seollal and Chuseok and close at 20:00 on the days before and after. Changes are announced on the kiosk screen and by text message to members.\n\n"
    "An order that is ready can be picked up until the counter closes that day." },
  { "membership", "membership", "멤버십 포인트 등급", "membership points tiers",
    "멤버십 등급과 혜택", "Membership tiers and benefits",
    "멤버십 가입은 무료이며, 창구나 키오스크에서 휴대폰 번호로 가입하실 수 있습니다.\n\n"
    "- 베이직: 구매 금액의 1% 포인트 적립\n"
    "- 실버(12개월 구매 50만 원 이상): 2% 적립, 선물 포장 무료\n"
    "- 골드(200만 원 이상): 3% 적립, 무료 배송\n"
    "- VIP(500만 원 이상): 5% 적립, 전용 창구, 반품 기간 60일로 연장\n\n"
    "등급은 매달 1일에 최근 12개월 구매 금액으로 다시 정해집니다. 포인트는 1,000점부터 1점당 1원으로 사용할 수 있으며, 적립일로부터 2년 뒤 소멸합니다.",
    "Membership is free. Join at the counter or the kiosk with your phone number.\n\n"
    "- Basic: 1% of every purchase back in points.\n"
    "- Silver (over 500,000 won in 12 months): 2% in points and free gift wrapping.\n"
    "- Gold (over 2,000,000 won): 3% in points and free delivery.\n"
    "- VIP (over 5,000,000 won): 5% in points, a dedicated counter and 60 days for returns.\n\n"
    "Tiers are set again on the first day of every month from the last 12 months of purchases. Points can be used from 1,000 points, one point per won, and expire 2 years after they were earned." },
  { "payment-methods", "payment", "결제 할부", "payment instalments",
    "결제 수단 안내", "Accepted payment methods",
    "국내외 신용·체크카드, 현금, 카카오페이, 네이버페이, 삼성페이, 애플페이, 매장 상품권과 멤버십 포인트로 결제하실 수 있습니다. 5만 원 이상 카드 결제는 2~12개월 할부가 가능하며, 무이자 할부 여부는 카드사에 따라 다릅니다.\n\n"
    "한 번의 결제에서 포인트, 상품권과 다른 결제 수단 하나를 함께 쓰실 수 있습니다.",
    "We accept Korean and international credit and debit cards, cash, KakaoPay, Naver Pay, Samsung Pay, Apple Pay, our gift cards and membership points. Card payments over 50,000 won can be split into 2 to 12 monthly instalments; whether they are interest-free depends on your card company.\n\n"
    "You can combine points, a gift card and one other method in a single payment." },
  { "gift-cards", "payment", "상품권", "gift-cards",
    "상품권 사용 안내", "Gift cards",
    "매장 상품권은 1만 원, 5만 원, 10만 원권과 모바일 상품권이 있으며, 발행일로부터 5년 동안 사용하실 수 있습니다.\n\n"
    "1만 원을 넘는 상품권은 60% 이상, 1만 원 이하 상품권은 80% 이상 사용하시면 남은 금액을 현금으로 돌려받으실 수 있습니다.\n\n"
    "잃어버린 상품권은 다시 발행해 드릴 수 없으니, 모바일 상품권은 멤버십 계정에 등록해 두세요.",
    "Our gift cards come in 10,000, 50,000 and 100,000 won and as mobile gift cards, valid for 5 years from the date of issue.\n\n"
    "Once you have used at least 60% of a card worth more than 10,000 won (80% of a card of 10,000 won or less), you can ask for the rest in cash.\n\n"
    "Lost gift cards cannot be replaced, so register mobile gift cards to your membership account." },
  { "receipts", "payment", "영수증 현금영수증", "receipts tax",
    "영수증과 현금영수증", "Receipts and cash receipts",
    "회원의 구매 내역은 계정에 저장되어 있어 창구에서 언제든 영수증을 다시 출력해 드립니다. 회원이 아니시면 결제하신 카드를 가져와 주세요.\n\n"
    "현금으로 결제하실 때 계산대에서 휴대폰 번호나 사업자등록번호를 알려 주시면 현금영수증(소득공제 또는 지출증빙)을 발급해 드립니다. 결제 후 5일 이내라면 창구에서 나중에 발급하실 수도 있습니다.",
    "Members' purchases are saved in their account, so we can print a copy of a receipt at the counter at any time. If you are not a member, bring the card you paid with.\n\n"
    "When you pay cash, give your phone number or business registration number at the till to get a cash receipt (for the income tax deduction or as proof of expense). You can also ask for it at the counter within 5 days." },
  { "parking", "store", "주차", "parking",
    "주차 안내", "Parking",
    "방문 고객은 1시간 무료로 주차하실 수 있으며, 3만 원 이상 구매하시면 3시간(회원은 4시간)까지 무료입니다. 창구나 계산대에서 주차권을 확인받거나 키오스크에 차량 번호를 입력해 주세요.\n\n"
    "장애인 주차구역과 유아 동반 가족 주차구역은 지하 1층 엘리베이터 옆에 있습니다. 전기차 충전기는 지하 2층에 있습니다.",
    "Customers park free for 1 hour, or for 3 hours with a purchase over 30,000 won (members: 4 hours). Have your ticket validated at the counter or the till, or enter your car number at the kiosk.\n\n"
    "Spaces for disabled drivers and for families with young children are next to the lifts on B1. Electric-car chargers are on B2." },
  { "privacy", "privacy", "개인정보", "privacy data",
    "개인정보 처리 안내", "How we use your personal data",
    "멤버십, 픽업 주문과 상담을 처리하기 위해 이름, 휴대폰 번호, 이메일 주소와 구매 내역을 보관합니다. 마케팅 메시지는 동의하신 경우에만 보내며, 창구에서 또는 메시지에 답장하여 언제든 동의를 철회하실 수 있습니다.\n\n"
    "키오스크에는 다른 고객의 정보가 표시되지 않습니다. 픽업 확인에는 주문번호와 휴대폰 번호 뒤 4자리만 사용합니다. 본인 정보의 열람, 정정, 삭제는 창구에서 요청하실 수 있습니다.",
    "We keep your name, phone number, e-mail address and purchase history to run your membership, pickup orders and service requests. Marketing messages are sent only if you agreed to them, and you can withdraw at any time at the counter or by replying to a message.\n\n"
    "The kiosk never shows other customers' details: checking in for a pickup uses only the order number and the last 4 digits of your phone. Ask at the counter to see, correct or delete your data." },
  { "queue-tickets", "queue", "번호표 키오스크", "queue kiosk",
    "번호표 받는 방법", "Taking a queue ticket",
    "키오스크 화면을 누르고 언어와 방문 목적(상담, 픽업, 반품, 기타)을 고르면 화면과 출력된 번호표에 번호가 나옵니다.\n\n"
    "창구 위 안내 화면에 번호가 표시되면 안내된 창구로 와 주세요. 순서를 놓치셨다면 새 번호표를 받아 주세요. 지나간 번호는 10분 동안 우선 호출해 드립니다.",
    "Touch the kiosk screen, choose your language and the reason for your visit (help, pickup, return or other), and your number appears on the screen and on the printed ticket.\n\n"
    "When your number shows on the screen above the counters, come to the counter shown. If you missed your turn, take a new ticket; a missed number is called first for the next 10 minutes." },
  { "contact", "store", "고객센터 문의", "contact help",
    "고객센터 연락 방법", "Contacting customer service",
    "매장 고객센터 창구를 방문하시거나, 1588-0421(평일 9:00~18:00)로 전화하시거나, 키오스크의 ‘문제 신고’를 이용해 주세요. 모든 문의에는 0421-C1-000123 같은 접수번호가 부여되어 나중에 진행 상황을 확인하실 수 있습니다.\n\n"
    "영업시간 중 긴급한 문의는 15분, 그 밖의 문의는 4시간 안에 답변드립니다.",
    "Visit the service counter in the store, call 1588-0421 (weekdays 9:00–18:00), or use “Report a problem” at the kiosk. Every request gets a case number such as 0421-C1-000123 that you can quote to follow it up.\n\n"
    "During opening hours we answer urgent requests within 15 minutes and all others within 4 hours." },
  { "accessibility", "store", "편의시설 휠체어", "accessibility wheelchair",
    "편의시설과 도움 서비스", "Accessibility and assistance",
    "매장은 턱이 없고 모든 층에 엘리베이터가 있으며, 창구에서 휠체어와 유모차를 빌려 드립니다. 키오스크는 큰 글씨로 볼 수 있고, 요청하시면 직원이 번호표를 대신 받아 드립니다.\n\n"
    "임산부, 장애인, 어르신, 영유아 동반 고객은 1번 창구에서 먼저 도와드립니다.",
    "The store is step-free with lifts to every floor, and you can borrow a wheelchair or a pushchair at the counter. The kiosk can show large text, and staff will take a ticket for you if you ask.\n\n"
    "Pregnant, disabled and elderly customers and those with young children are served first at counter 1." },
  { "gift-wrapping", "store", "선물 포장", "gifts wrapping",
    "선물 포장 안내", "Gift wrapping",
    "창구에서 상품 1개당 2,000원에 선물 포장을 해 드립니다(실버 등급 이상 회원은 무료). 재생지 쇼핑백은 100원입니다. 요청하시면 가격이 표시되지 않은 선물용 영수증도 드립니다.",
    "We wrap gifts at the counter for 2,000 won per item (free for Silver members and above). Recycled paper bags cost 100 won. Ask for a gift receipt without prices if you need one." },
  { "lost-and-found", "store", "분실물", "lost-and-found",
    "분실물 찾기", "Lost and found",
    "매장에서 발견된 분실물은 고객센터 창구에서 7일 동안 보관한 뒤 경찰서로 넘깁니다. 물건의 특징을 창구에 알려 주세요. 카드와 신분증은 본인 확인 후 돌려드립니다.",
    "Items found in the store are kept at the service counter for 7 days and then handed to the police. Describe the item at the counter; for cards and ID we ask you to show that they are yours." },
};

/* Replaces the {placeholders} of a topic template. */
static char *
expand_topic (const char            *template,
              const ProductCategory *category,
              gboolean               korean)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;
      g_autofree char *key = NULL;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      key = g_strndup (open + 1, close - open - 1);
      if (g_str_equal (key, "cat"))
        g_string_append (out, korean ? category->ko : category->en);
      else if (g_str_equal (key, "days"))
        g_string_append_printf (out, "%u", category->return_days);
      else if (g_str_equal (key, "cond"))
        g_string_append (out, korean ? category->return_ko : category->return_en);
      else if (g_str_equal (key, "warranty"))
        g_string_append (out, korean ? category->warranty_ko : category->warranty_en);
      else if (g_str_equal (key, "handling"))
        g_string_append (out, korean ? category->handling_ko : category->handling_en);
      else if (g_str_equal (key, "example"))
        {
          for (guint i = 0; i < G_N_ELEMENTS (products); i++)
            if (&product_categories[products[i].category] == category)
              {
                const char *name = product_name (&products[i], korean);
                /* "the Wireless earbuds" reads wrong; lower-case the
                 * English name in running text. */
                if (korean)
                  g_string_append (out, name);
                else
                  {
                    g_autofree char *lower = g_utf8_strdown (name, 1);
                    g_string_append (out, lower);
                    g_string_append (out, g_utf8_next_char (name));
                  }
                break;
              }
        }
      else
        g_assert_not_reached ();
      p = close + 1;
    }
  /* English titles start with the category name in lower case. */
  if (!korean && out->len > 0 && g_ascii_islower (out->str[0]))
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Cases, notes and feedback                                                 */

/* {p} is the product concerned: the first item of the linked order, or any
 * product for categories without an order. */
typedef struct {
  const char *category;
  guint       weight;
  gboolean    needs_order;
  const char *subject_ko;
  const char *subject_en;
  const char *description_ko;
  const char *description_en;
  const char *resolution_ko;
  const char *resolution_en;
} CaseKind;

static const CaseKind case_kinds[] = {
  { "return", 18, TRUE,
    "{p} 반품 요청", "Return request: {p}",
    "{p} 상품을 반품하고 싶습니다. 포장은 뜯었지만 사용하지는 않았습니다.",
    "I would like to return the {p}. The box is open but I have not used it.",
    "반품 접수 후 결제 승인 취소함.", "Return accepted; the payment was cancelled." },
  { "refund", 10, TRUE,
    "{p} 환불 지연 문의", "Refund not received for {p}",
    "반품한 지 일주일이 지났는데 아직 환불이 들어오지 않았습니다.",
    "I returned it a week ago and the refund has not reached my card yet.",
    "카드사 취소 완료를 확인하고 승인취소 번호를 안내함.",
    "Confirmed the cancellation with the card company and gave the customer the reference." },
  { "exchange", 10, TRUE,
    "{p} 교환 요청", "Exchange request: {p}",
    "사이즈(색상)가 맞지 않아 다른 것으로 교환하고 싶어요.",
    "It is the wrong size (colour) and I would like to exchange it.",
    "동일 가격 상품으로 교환 완료.", "Exchanged for an item of the same price." },
  { "pickup", 9, TRUE,
    "{p} 픽업 기간 연장", "Extend pickup: {p}",
    "출장 때문에 보관 기간 안에 찾으러 가기 어렵습니다. 며칠 더 보관해 주실 수 있나요?",
    "I am away on business and cannot come within the pickup period. Could you keep it a few days longer?",
    "보관 기한 5일 연장하고 문자로 안내함.", "Pickup period extended by 5 days; customer informed by text." },
  { "delivery", 9, TRUE,
    "{p} 배송 지연", "{p} delivery is late",
    "배송 예정일이 지났는데 아직 상품을 받지 못했습니다.",
    "The delivery date has passed and I still have not received it.",
    "택배사 확인 결과 다음 날 배송 완료.", "Checked with the carrier; delivered the next day." },
  { "warranty", 8, TRUE,
    "{p} 보증 수리 문의", "Warranty claim: {p}",
    "사용한 지 몇 달 안 됐는데 제대로 작동하지 않습니다. 보증 수리가 되나요?",
    "It stopped working properly after a few months. Is it covered by the warranty?",
    "보증 수리 접수, 수리 완료 후 고객 수령.", "Repaired under warranty and collected by the customer." },
  { "defect", 8, TRUE,
    "{p} 초기 불량", "{p} faulty on arrival",
    "받자마자 확인해 보니 파손되어 있었습니다. 사진을 보내드릴게요.",
    "It was damaged when I opened the box. I can send photos.",
    "새 상품으로 교환 발송함.", "Sent a replacement." },
  { "billing", 6, TRUE,
    "결제가 두 번 되었어요", "Charged twice for one order",
    "주문은 한 번 했는데 카드 결제 문자가 두 번 왔습니다.",
    "I placed one order but my card was charged twice.",
    "중복 승인 1건 취소 처리함.", "Cancelled the duplicate charge." },
  { "membership", 8, FALSE,
    "포인트 적립 누락", "Points missing from my membership",
    "지난번 구매 포인트가 적립되지 않았습니다.",
    "The points for my last purchase were not added to my account.",
    "구매 내역 확인 후 포인트 수동 적립.", "Checked the purchase and added the points by hand." },
  { "complaint", 6, FALSE,
    "창구 대기 시간이 너무 길어요", "Waited too long at the counter",
    "주말 오후에 번호표를 뽑고 40분 넘게 기다렸습니다.",
    "I waited more than 40 minutes after taking a ticket on Saturday afternoon.",
    "사과 안내 및 주말 창구 인원 보강 검토 전달.", "Apologised; weekend staffing passed on to the store manager." },
  { "product_question", 6, FALSE,
    "{p} 재입고 문의", "Restock date for {p}",
    "{p} 상품이 품절인데 언제 다시 들어오나요?",
    "The {p} is sold out. When will it be available again?",
    "입고 예정일 안내 및 입고 알림 등록.", "Gave the expected date and set up a restock alert." },
  { "other", 4, FALSE,
    "영수증 재발급 요청", "Copy of a receipt",
    "회사 제출용으로 영수증을 다시 받고 싶습니다.",
    "I need a copy of my receipt for my employer.",
    "영수증 재발급 후 이메일로 발송.", "Sent a copy of the receipt by e-mail." },
};

static const char * const first_reply_ko[] = {
  "안녕하세요, 고객님. 문의하신 내용 확인했습니다. 확인 후 바로 다시 안내드리겠습니다.",
  "불편을 드려 죄송합니다. 담당자가 내용을 확인하고 있으며, 오늘 중으로 연락드리겠습니다.",
  "문의 감사합니다. 접수가 완료되었고 처리 결과는 문자로 알려드리겠습니다.",
};
static const char * const first_reply_en[] = {
  "Hello, thank you for getting in touch. We have your request and will come back to you shortly.",
  "We are sorry for the trouble. A colleague is looking into it and will contact you today.",
  "Thank you. Your request is registered and we will text you the outcome.",
};
static const char * const ask_customer_ko[] = {
  "확인을 위해 영수증이나 주문 화면 사진을 보내주실 수 있을까요?",
  "상품 상태를 확인할 수 있도록 사진을 보내주시면 바로 진행하겠습니다.",
  "방문 가능한 날짜를 알려주시면 그에 맞춰 준비해 두겠습니다.",
};
static const char * const ask_customer_en[] = {
  "Could you send us a photo of the receipt or the order page so we can check?",
  "If you send us a photo of the item, we will carry on straight away.",
  "Let us know when you can come in and we will have everything ready.",
};
static const char * const internal_notes_ko[] = {
  "영수증 확인 완료. 결제 내역과 일치함.",
  "택배사에 배송 조회 요청함. 회신 대기.",
  "제조사 A/S 센터에 접수번호 문의 중.",
  "고객 부재로 문자 남김. 내일 다시 연락 예정.",
  "재고 확인: 본사 물류센터에 2개 있음.",
  "환불 금액이 한도를 넘어 매니저 승인 요청함.",
  "고객이 전화로 추가 설명함. 사진 받음.",
};
static const char * const internal_notes_en[] = {
  "Receipt checked; matches the payment.",
  "Asked the carrier for tracking details, waiting for a reply.",
  "Waiting for the manufacturer's service centre to confirm.",
  "Customer did not answer; left a text. Will call again tomorrow.",
  "Refund above my limit; asked the supervisor to approve.",
};
static const char * const resolved_reply_ko[] = {
  "요청하신 건이 처리되었습니다. 이용해 주셔서 감사합니다.",
  "처리가 완료되었습니다. 추가로 궁금하신 점이 있으면 언제든 문의해 주세요.",
};
static const char * const resolved_reply_en[] = {
  "Your request has been taken care of. Thank you for your patience.",
  "All done. If anything else comes up, just let us know.",
};
static const char * const new_case_notes_ko[] = {
  "키오스크 접수 건. 담당자 배정 대기.",
  "전화 접수. 고객이 오후에 다시 통화 원함.",
  "창구 접수. 관련 주문 확인 필요.",
};

static const char * const comments_good_ko[] = {
  "직원분이 친절하게 안내해 주셨어요.", "빠르게 처리해 주셔서 감사합니다.",
  "픽업이 간편하고 빨랐어요.", "설명이 자세해서 좋았습니다.",
};
static const char * const comments_mixed_ko[] = {
  "처리는 됐지만 대기 시간이 길었어요.", "답변이 조금 늦었습니다.",
};
static const char * const comments_bad_ko[] = {
  "같은 설명을 여러 번 해야 했어요.", "안내받은 것과 처리 결과가 달랐습니다.",
};
static const char * const comments_good_en[] = {
  "Friendly and quick, thank you!", "The staff explained everything clearly.",
  "Pickup took two minutes. Great.", "Very helpful at the counter.",
};
static const char * const comments_mixed_en[] = {
  "Sorted in the end, but the wait was long.", "The reply took a while.",
};
static const char * const comments_bad_en[] = {
  "I had to explain the problem three times.", "Not what I was told on the phone.",
};

static const char * const customer_notes_ko[] = {
  "휠체어 이용 고객. 1층 픽업 선호.", "평일 저녁에만 통화 가능.",
  "영수증은 이메일로 받기 원함.", "대리 수령 시 배우자 방문.",
};
static const char * const customer_notes_en[] = {
  "Prefers to be contacted by e-mail.", "Uses a wheelchair; hand over orders on the ground floor.",
  "Usually picks up on Saturday mornings.",
};

/* Replaces {p} with @product. */
static char *
expand_product (const char *template,
                const char *product)
{
  g_auto(GStrv) parts = g_strsplit (template, "{p}", -1);
  return g_strjoinv (product, parts);
}

/* ------------------------------------------------------------------------ */
/* Time                                                                      */

typedef struct {
  gint64 now;     /* the instant the history ends (Unix time) */
  gint64 today;   /* Korean midnight that starts now's day (Unix time) */
} Clock;

/* "Now" is the start of the current hour, so that two runs within the same
 * hour write identical documents; CHANGGU_DEMO_NOW (RFC 3339) pins it, for
 * tests and for reproducible benchmark stores. */
static gboolean
clock_init (Clock   *clock,
            GError **error)
{
  const char *pinned = g_getenv ("CHANGGU_DEMO_NOW");

  if (pinned != NULL && *pinned != '\0')
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (pinned, NULL);
      if (dt == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("CHANGGU_DEMO_NOW=%s is not a time like 2026-11-22T07:00:00Z."),
                       pinned);
          return FALSE;
        }
      clock->now = g_date_time_to_unix (dt);
    }
  else
    clock->now = g_get_real_time () / G_USEC_PER_SEC / HOUR * HOUR;
  clock->today = (clock->now + KST_OFFSET) / DAY * DAY - KST_OFFSET;
  return TRUE;
}

/* RFC 3339 UTC with seconds, as every time in the data model. */
static const char *
format_time (gint64  t,
             char    buf[24])
{
  time_t tt = (time_t) t;
  struct tm tm;

  gmtime_r (&tt, &tm);
  g_snprintf (buf, 24, "%04d-%02d-%02dT%02d:%02d:%02dZ",
              tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
              tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

static void
set_time (JsonObject *object,
          const char *member,
          gint64      t)
{
  char buf[24];
  json_object_set_string_member (object, member, format_time (t, buf));
}

/* @t moved into [lo, hi]; lo when the interval is empty. */
static gint64
within (gint64 t,
        gint64 lo,
        gint64 hi)
{
  return MAX (lo, MIN (t, hi));
}

/* ------------------------------------------------------------------------ */
/* The generator                                                             */

#define N_STAFF 10
#define N_SUPERVISORS 2
/* Check-ins of the current day: enough for a realistic queue whatever the
 * size of the store. */
#define MAX_TODAY_CHECKINS 36

typedef struct {
  CgStore       *store;
  guint64        seed;
  Clock          clock;
  char          *store_id;
  char          *prefix;
  char           kiosk_id[37];
  char           staff[N_STAFF][48];   /* staff ids; the first N_SUPERVISORS are supervisors */

  guint64        first_index;   /* of this run's first customer */
  guint64        total;         /* customers in this run */
  guint          today_every;   /* every n-th customer visits today… */
  guint          today_count;   /* …up to this many */

  gint64         next_order;    /* order numbers */
  gint64         last_case;     /* case numbers (the device's counter) */
  guint          tickets[HISTORY_DAYS + 1];   /* per day, 0 = today */
  guint64        orders_made;   /* in this run; the first ones cover every status */
  guint64        cases_made;

  CgDemoCounts   counts;
} Demo;

typedef struct {
  char     id[48];
  gboolean korean;
  char     name[64];
  char     given[32];       /* first name, shown on queue tickets */
  char     phone[16];
  char     email[96];
  gint64   created;
} Person;

typedef struct {
  char           id[96];
  char           number[24];
  const char    *status;
  gboolean       online;
  const Product *product;   /* the first item */
  gint64         created;
  gint64         picked_up; /* 0 unless handed over */
} OrderInfo;

/* The demo's counter staff, staff:<store>-01 to -10 in this order; the
 * first N_SUPERVISORS are supervisors. */
static const char * const demo_staff_names[N_STAFF] = {
  "김지훈", "이수진", "박민재", "최서연", "정우진",
  "강하은", "조현우", "윤지아", "장도윤", "임예린",
};

/* Every demo staff member's PIN is "1234": a demo store is for trying the
 * app out, and the people trying it need to be able to sign in (README
 * says so too). A real store gets its staff documents from the central
 * side (changgu-admin), never from here. */
#define DEMO_PIN "1234"

/* The demo PIN's hash in libsodium's crypto_pwhash_str format
 * ($argon2id$v=19$m=65536,t=2,p=1$salt$hash, what crypto_pwhash_str_verify
 * reads), but with a salt derived from the seed: a demo store must be the
 * same for the same seed, and crypto_pwhash_str always takes a random salt. */
static char *
demo_pin_hash (Demo    *demo,
               GError **error)
{
  guchar salt[crypto_pwhash_SALTBYTES];
  guchar hash[32];
  char salt64[64], hash64[64];
  g_autofree char *seed = g_strdup_printf ("changgu-demo-staff-%" G_GUINT64_FORMAT, demo->seed);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libsodium could not be initialised");
      return NULL;
    }
  crypto_generichash (salt, sizeof salt, (const guchar *) seed, strlen (seed), NULL, 0);
  if (crypto_pwhash (hash, sizeof hash, DEMO_PIN, strlen (DEMO_PIN), salt,
                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "Out of memory while hashing the PIN");
      return NULL;
    }
  sodium_bin2base64 (salt64, sizeof salt64, salt, sizeof salt, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  sodium_bin2base64 (hash64, sizeof hash64, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
  return g_strdup_printf ("$argon2id$v=19$m=%zu,t=%llu,p=1$%s$%s",
                          (size_t) (crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024),
                          (unsigned long long) crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          salt64, hash64);
}

/* Writes the staff documents the demo's cases and orders refer to, unless
 * they exist (an appending run keeps them, and any PIN changed since). One
 * Argon2id hash for all of them: hashing is slow on purpose, and they share
 * the PIN anyway. */
static gboolean
write_staff (Demo    *demo,
             GError **error)
{
  g_autofree char *hash = NULL;

  for (guint i = 0; i < N_STAFF; i++)
    {
      g_autoptr(JsonObject) existing = cg_store_get (demo->store, demo->staff[i], FALSE, NULL);
      g_autoptr(JsonObject) doc = NULL;
      g_autofree char *rev = NULL;

      if (existing != NULL)
        continue;
      if (hash == NULL && (hash = demo_pin_hash (demo, error)) == NULL)
        return FALSE;
      doc = json_object_new ();
      json_object_set_string_member (doc, "_id", demo->staff[i]);
      json_object_set_string_member (doc, "type", "staff");
      json_object_set_string_member (doc, "name", demo_staff_names[i]);
      json_object_set_string_member (doc, "role", i < N_SUPERVISORS ? "supervisor" : "agent");
      json_object_set_string_member (doc, "pin_hash", hash);
      json_object_set_boolean_member (doc, "active", TRUE);
      rev = cg_store_put (demo->store, doc, error);
      if (rev == NULL)
        return FALSE;
    }
  return TRUE;
}

static const char *
demo_staff (Demo *demo,
            Rng  *rng)
{
  return demo->staff[rng_below (rng, N_STAFF)];
}

static const char *
demo_supervisor (Demo *demo,
                 Rng  *rng)
{
  return demo->staff[rng_below (rng, N_SUPERVISORS)];
}

/* A time on the day @day days before today (0 = today), within opening
 * hours, never after now. */
static gint64
visit_time (Demo   *demo,
            Rng    *rng,
            gint64  day)
{
  gint64 t = demo->clock.today - day * DAY + rng_between (rng, OPEN_FROM, OPEN_UNTIL - 1);
  if (t > demo->clock.now)
    t = demo->clock.now - rng_between (rng, MINUTE, 30 * MINUTE);
  return t;
}

/* How many Korean calendar days before today @t is (0 = today). */
static gint64
days_ago (Demo   *demo,
          gint64  t)
{
  if (t >= demo->clock.today)
    return 0;
  return (demo->clock.today - t + DAY - 1) / DAY;
}

/* Writes @doc and counts it; errors name the document. */
static gboolean
put (Demo        *demo,
     JsonObject  *doc,
     guint64     *counter,
     GError     **error)
{
  g_autofree char *rev = cg_store_put (demo->store, doc, error);

  if (rev == NULL)
    {
      g_prefix_error (error, _("Could not write the demo document %s: "),
                      cg_json_get_string (doc, "_id"));
      return FALSE;
    }
  (*counter)++;
  return TRUE;
}

static JsonObject *
new_doc (const char *id,
         const char *type)
{
  JsonObject *doc = json_object_new ();
  json_object_set_string_member (doc, "_id", id);
  json_object_set_string_member (doc, "type", type);
  return doc;
}

/* ---------------------------------------------------------------- customer */

static void
make_korean_name (Rng     *rng,
                  Person  *person,
                  GString *local)
{
  const FamilyName *family = &family_names[0];
  guint total = 0;
  const char *given;
  char made[16];
  g_autoptr(GString) given_roman = g_string_new (NULL);
  guint r;

  for (guint i = 0; i < G_N_ELEMENTS (family_names); i++)
    total += family_names[i].weight;
  r = rng_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (family_names); i++)
    {
      if (r < family_names[i].weight)
        {
          family = &family_names[i];
          break;
        }
      r -= family_names[i].weight;
    }

  if (rng_chance (rng, 500))
    given = PICK (rng, popular_given_names);
  else
    {
      gboolean male = rng_chance (rng, 500);
      const char *first = male ? PICK (rng, given_first_m) : PICK (rng, given_first_f);
      const char *second;
      do
        second = male ? PICK (rng, given_second_m) : PICK (rng, given_second_f);
      while (g_str_equal (first, second));
      g_snprintf (made, sizeof made, "%s%s", first, second);
      given = made;
    }

  g_snprintf (person->name, sizeof person->name, "%s%s", family->hangul, given);
  g_strlcpy (person->given, given, sizeof person->given);
  romanise (given_roman, given);
  switch (rng_below (rng, 4))
    {
    case 0: g_string_append_printf (local, "%s.%s", given_roman->str, family->roman); break;
    case 1: g_string_append_printf (local, "%s%s", family->roman, given_roman->str); break;
    case 2: g_string_append (local, given_roman->str); break;
    default: g_string_append_printf (local, "%s.%s", family->roman, given_roman->str); break;
    }
}

static void
make_english_name (Rng     *rng,
                   Person  *person,
                   GString *local)
{
  const char *first = PICK (rng, english_first_names);
  const char *last = PICK (rng, english_last_names);
  g_autofree char *first_lower = g_ascii_strdown (first, -1);
  g_autofree char *last_lower = g_ascii_strdown (last, -1);

  g_snprintf (person->name, sizeof person->name, "%s %s", first, last);
  g_strlcpy (person->given, first, sizeof person->given);
  switch (rng_below (rng, 4))
    {
    case 0: g_string_append_printf (local, "%s.%s", first_lower, last_lower); break;
    case 1: g_string_append_printf (local, "%s%s", first_lower, last_lower); break;
    case 2: g_string_append_printf (local, "%c%s", first_lower[0], last_lower); break;
    default: g_string_append_printf (local, "%s_%s", first_lower, last_lower); break;
    }
}

static void
make_person (Demo    *demo,
             Rng     *rng,
             guint64  index,
             Person  *person)
{
  g_autoptr(GString) local = g_string_new (NULL);
  char uuid[37];

  rng_uuid (rng, uuid);
  g_snprintf (person->id, sizeof person->id, "customer:%s", uuid);

  /* About 70% Korean names; the rest English-speaking residents and
   * visitors, who are served in English. */
  person->korean = rng_chance (rng, 700);
  if (person->korean)
    make_korean_name (rng, person, local);
  else
    make_english_name (rng, person, local);

  g_snprintf (person->phone, sizeof person->phone, "+8210%08u",
              (guint) (PHONE_FIRST + permute (index, PHONE_COUNT, PHONE_KEY)));

  /* The number makes the address unique (see email_number()). */
  person->email[0] = '\0';
  if (rng_chance (rng, 920))
    g_snprintf (person->email, sizeof person->email, "%s%" G_GUINT64_FORMAT "@%s",
                local->str, email_number (index),
                person->korean ? PICK (rng, ko_mail_domains) : PICK (rng, en_mail_domains));

  person->created = visit_time (demo, rng, rng_between (rng, MIN_CUSTOMER_AGE_DAYS, HISTORY_DAYS));
}

static gboolean
write_customer (Demo    *demo,
                Rng     *rng,
                Person  *person,
                GError **error)
{
  static const char * const tiers[] = { "basic", "silver", "gold", "vip" };
  static const guint tier_weights[] = { 55, 25, 14, 6 };
  g_autoptr(JsonObject) doc = new_doc (person->id, "customer");
  JsonArray *phones = json_array_new ();
  JsonArray *emails = json_array_new ();
  JsonObject *consent = json_object_new ();
  const char *channel;
  guint r;

  json_object_set_string_member (doc, "name", person->name);
  json_array_add_string_element (phones, person->phone);
  json_object_set_array_member (doc, "phones", phones);
  if (person->email[0] != '\0')
    json_array_add_string_element (emails, person->email);
  json_object_set_array_member (doc, "emails", emails);

  r = rng_below (rng, 100);
  if (r < 60)
    channel = "sms";
  else if (r < 80 && person->email[0] != '\0')
    channel = "email";
  else if (r < 92)
    channel = "phone";
  else
    channel = "none";
  json_object_set_string_member (doc, "preferred_channel", channel);
  json_object_set_string_member (doc, "language", person->korean ? "ko" : "en");
  json_object_set_string_member (doc, "tier",
                                 tiers[rng_weighted (rng, tier_weights, G_N_ELEMENTS (tiers), 100)]);

  json_object_set_boolean_member (consent, "marketing", rng_chance (rng, 450));
  json_object_set_boolean_member (consent, "data_processing", TRUE);
  set_time (consent, "at", person->created);
  json_object_set_object_member (doc, "consent", consent);

  if (rng_chance (rng, 30))
    json_object_set_string_member (doc, "notes",
                                   person->korean ? PICK (rng, customer_notes_ko)
                                                  : PICK (rng, customer_notes_en));
  set_time (doc, "created_at", person->created);
  /* A quarter changed their profile since (a new address, consent). */
  set_time (doc, "updated_at",
            rng_chance (rng, 250) ? rng_between (rng, person->created, demo->clock.now - HOUR)
                                  : person->created);

  return put (demo, doc, &demo->counts.customers, error);
}

/* ------------------------------------------------------------------- order */

static const char * const order_statuses[] = {
  "placed", "ready_for_pickup", "picked_up", "cancelled", "returned", "partially_returned",
};
static const guint order_status_weights[] = { 4, 6, 72, 7, 6, 5 };

/* The kiosk-safe view of an order that is ready: no name, no items, and
 * the phone only as part of a salted hash (cg-pickup.h has the exact
 * input). The salt comes from the demo's seeded generator, so the same
 * seed writes the same store. */
static gboolean
write_pickup (Demo            *demo,
              Rng             *rng,
              const Person    *person,
              const OrderInfo *order,
              gint64           ready_at,
              GError         **error)
{
  g_autoptr(JsonObject) doc = NULL;
  char ready_text[24];
  char last4[5];
  guint64 unused = 0;
  char salt[CG_PICKUP_SALT_CHARS + 1];

  rng_hex (rng, salt, CG_PICKUP_SALT_CHARS);
  doc = cg_pickup_build (demo->store_id, order->number, order->status,
                         format_time (ready_at, ready_text), salt,
                         cg_pickup_phone_last4 (person->phone, last4) ? last4 : NULL);
  /* Pickups are not part of CgDemoCounts; a counter that nobody reads. */
  return put (demo, doc, &unused, error);
}

static gboolean
write_order (Demo         *demo,
             Rng          *rng,
             const Person *person,
             OrderInfo    *order,
             GError      **error)
{
  static const char * const verifications[] = { "phone_last4", "code", "id_document" };
  static const guint verification_weights[] = { 70, 20, 10 };
  g_autoptr(JsonObject) doc = NULL;
  JsonArray *items = json_array_new ();
  const Product *chosen[4] = { NULL };
  guint n_items;
  gint64 total = 0, ready_at = 0, updated;
  gint64 age = days_ago (demo, person->created);
  const char *status;

  memset (order, 0, sizeof *order);
  if (demo->orders_made < G_N_ELEMENTS (order_statuses))
    status = order_statuses[demo->orders_made];   /* every status, whatever the size */
  else
    status = order_statuses[rng_weighted (rng, order_status_weights,
                                          G_N_ELEMENTS (order_statuses), 100)];
  demo->orders_made++;
  order->status = status;

  g_snprintf (order->number, sizeof order->number, "%" G_GINT64_FORMAT, demo->next_order++);
  g_snprintf (order->id, sizeof order->id, "order:%s:%s", demo->store_id, order->number);
  doc = new_doc (order->id, "order");

  /* Orders waiting in the store are online orders; the rest are bought
   * online for pickup or at the till. */
  order->online = g_str_equal (status, "placed") || g_str_equal (status, "ready_for_pickup") ||
                  g_str_equal (status, "cancelled") || rng_chance (rng, 600);

  n_items = 1 + rng_below (rng, 3) + (rng_chance (rng, 100) ? 1 : 0);
  if (g_str_equal (status, "partially_returned"))
    n_items = MAX (n_items, 2);
  for (guint i = 0; i < n_items; i++)
    {
      const Product *product;
      gboolean again;
      JsonObject *item = json_object_new ();
      gint64 qty = rng_chance (rng, 850) ? 1 : rng_chance (rng, 800) ? 2 : 3;

      do
        {
          product = &PICK (rng, products);
          again = FALSE;
          for (guint j = 0; j < i; j++)
            again |= chosen[j] == product;
        }
      while (again);
      chosen[i] = product;
      json_object_set_string_member (item, "sku", product->sku);
      json_object_set_string_member (item, "name", product_name (product, person->korean));
      json_object_set_int_member (item, "qty", qty);
      json_object_set_int_member (item, "unit_price", product->price);
      json_array_add_object_element (items, item);
      total += qty * product->price;
    }
  order->product = chosen[0];

  if (g_str_equal (status, "placed"))
    order->created = demo->clock.now - rng_between (rng, HOUR, 3 * DAY);
  else if (g_str_equal (status, "ready_for_pickup"))
    order->created = demo->clock.now - rng_between (rng, DAY, 6 * DAY);
  else
    order->created = visit_time (demo, rng, rng_between (rng, 1, age - 1));
  order->created = MAX (order->created, person->created + HOUR);
  updated = order->created;

  json_object_set_string_member (doc, "number", order->number);
  json_object_set_string_member (doc, "customer_id", person->id);
  json_object_set_string_member (doc, "store_id", demo->store_id);
  json_object_set_string_member (doc, "channel", order->online ? "online" : "in_store");
  json_object_set_array_member (doc, "items", items);
  json_object_set_int_member (doc, "total", total);
  json_object_set_string_member (doc, "currency", "KRW");
  json_object_set_string_member (doc, "status", status);

  if (order->online && !g_str_equal (status, "placed") && !g_str_equal (status, "cancelled"))
    {
      ready_at = within (order->created + rng_between (rng, 4 * HOUR, 2 * DAY),
                         order->created + MINUTE, demo->clock.now - 2 * HOUR);
      set_time (doc, "ready_at", ready_at);
      updated = ready_at;
    }

  if (!g_str_equal (status, "placed") && !g_str_equal (status, "ready_for_pickup") &&
      !g_str_equal (status, "cancelled"))
    {
      if (order->online)
        {
          order->picked_up = within (ready_at + rng_between (rng, HOUR, 5 * DAY),
                                     ready_at + MINUTE, demo->clock.now - HOUR);
          json_object_set_string_member (doc, "pickup_verified_with",
                                         verifications[rng_weighted (rng, verification_weights, 3, 100)]);
        }
      else
        order->picked_up = order->created;   /* bought at the till */
      set_time (doc, "picked_up_at", order->picked_up);
      json_object_set_string_member (doc, "picked_up_by", demo_staff (demo, rng));
      updated = order->picked_up;
      if (g_str_has_suffix (status, "returned"))
        updated = within (order->picked_up + rng_between (rng, DAY, 14 * DAY),
                          order->picked_up + MINUTE, demo->clock.now - MINUTE);
    }
  else if (g_str_equal (status, "cancelled"))
    updated = within (order->created + rng_between (rng, HOUR, 2 * DAY),
                      order->created + MINUTE, demo->clock.now - MINUTE);

  set_time (doc, "created_at", order->created);
  set_time (doc, "updated_at", updated);

  if (!put (demo, doc, &demo->counts.orders, error))
    return FALSE;
  if (g_str_equal (status, "ready_for_pickup"))
    return write_pickup (demo, rng, person, order, ready_at, error);
  return TRUE;
}

/* ---------------------------------------------------------------- feedback */

static gboolean
write_feedback (Demo         *demo,
                Rng          *rng,
                const Person *person,
                const char   *case_id,
                const char   *checkin_id,
                const char   *channel,
                gint64        at,
                GError      **error)
{
  static const guint csat_weights[] = { 6, 7, 12, 30, 45 };   /* 1…5 */
  static const gint64 nps_low[] = { 0, 2, 5, 7, 8 };
  static const gint64 nps_high[] = { 4, 6, 8, 9, 10 };
  g_autoptr(JsonObject) doc = NULL;
  char uuid[37], id[48];
  guint csat = 1 + rng_weighted (rng, csat_weights, 5, 100);

  rng_uuid (rng, uuid);
  g_snprintf (id, sizeof id, "feedback:%s", uuid);
  doc = new_doc (id, "feedback");
  if (case_id != NULL)
    json_object_set_string_member (doc, "case_id", case_id);
  if (checkin_id != NULL)
    json_object_set_string_member (doc, "checkin_id", checkin_id);
  json_object_set_string_member (doc, "customer_id", person->id);
  json_object_set_string_member (doc, "channel", channel);
  json_object_set_int_member (doc, "csat", csat);
  /* Not everyone answers the second question. */
  if (rng_chance (rng, 800))
    json_object_set_int_member (doc, "nps", rng_between (rng, nps_low[csat - 1], nps_high[csat - 1]));
  if (rng_chance (rng, 550))
    {
      const char *comment;
      if (csat >= 4)
        comment = person->korean ? PICK (rng, comments_good_ko) : PICK (rng, comments_good_en);
      else if (csat == 3)
        comment = person->korean ? PICK (rng, comments_mixed_ko) : PICK (rng, comments_mixed_en);
      else
        comment = person->korean ? PICK (rng, comments_bad_ko) : PICK (rng, comments_bad_en);
      json_object_set_string_member (doc, "comment", comment);
    }
  set_time (doc, "created_at", MIN (at, demo->clock.now));
  return put (demo, doc, &demo->counts.feedback, error);
}

/* ------------------------------------------------------------ self-service */

/* The first 16 hex digits of a demo uuid: what the kiosk touches below is
 * decided from ids already drawn, so that the customers' random streams,
 * and every document after, stay as they were. */
static guint64
uuid_bits (const char *uuid)
{
  char hex[17];
  guint n = 0;

  for (const char *p = uuid; *p != '\0' && n < 16; p++)
    if (g_ascii_isxdigit (*p))
      hex[n++] = *p;
  hex[n] = '\0';
  return g_ascii_strtoull (hex, NULL, 16);
}

/* Two of the store articles in the customer's language, as the kiosk's
 * "Does this help?" offers them; *@second is the second one's id. */
static JsonArray *
offered_articles (gboolean  korean,
                  guint64   bits,
                  char      second[64])
{
  const guint n = G_N_ELEMENTS (general_articles);
  guint a = (guint) (bits % n);
  guint b = (a + 1 + (guint) ((bits >> 8) % (n - 1))) % n;
  JsonArray *offered = json_array_new ();
  char id[64];

  g_snprintf (id, sizeof id, "article:%s-%s", general_articles[a].slug, korean ? "ko" : "en");
  json_array_add_string_element (offered, id);
  g_snprintf (second, 64, "article:%s-%s", general_articles[b].slug, korean ? "ko" : "en");
  json_array_add_string_element (offered, second);
  return offered;
}

/* A problem reported at the kiosk that an FAQ answer solved (cg-kiosk.h
 * feedback.self_service): anonymous, as the kiosk writes it. */
static gboolean
write_helped (Demo        *demo,
              gboolean     korean,
              const char  *seed_uuid,
              gint64       at,
              GError     **error)
{
  g_autoptr(JsonObject) doc = NULL;
  JsonObject *self_service = json_object_new ();
  guint64 bits = uuid_bits (seed_uuid);
  char uuid[37], id[48], helped[64];
  Rng rng;

  rng_init (&rng, demo->seed ^ G_GUINT64_CONSTANT (0x6b696f736b), bits);
  rng_uuid (&rng, uuid);
  g_snprintf (id, sizeof id, "feedback:%s", uuid);
  doc = new_doc (id, "feedback");
  json_object_set_string_member (doc, "channel", "kiosk");
  json_object_set_string_member (self_service, "category",
                                 case_kinds[(bits >> 16) % G_N_ELEMENTS (case_kinds)].category);
  json_object_set_array_member (self_service, "offered", offered_articles (korean, bits, helped));
  json_object_set_boolean_member (self_service, "helped", TRUE);
  json_object_set_string_member (self_service, "article_id", helped);
  json_object_set_object_member (doc, "self_service", self_service);
  set_time (doc, "created_at", MIN (at, demo->clock.now));
  return put (demo, doc, &demo->counts.feedback, error);
}

/* -------------------------------------------------------------------- case */

static const char * const case_statuses[] = {
  "new", "open", "pending_customer", "escalated", "resolved", "closed",
};
/* Most of two years of cases are closed; the open ones are recent. */
static const guint case_status_weights[] = { 3, 4, 3, 2, 10, 78 };
static const gint64 case_window_newest[] = {
  10 * MINUTE, HOUR, 2 * HOUR, 2 * HOUR, 6 * HOUR, 5 * DAY };
static const gint64 case_window_oldest[] = {
  2 * DAY, 10 * DAY, 14 * DAY, 14 * DAY, 30 * DAY, HISTORY_DAYS * (gint64) DAY };

static const char * const case_channels[] = { "counter", "kiosk", "phone", "email", "web" };
static const guint case_channel_weights[] = { 50, 15, 20, 10, 5 };
static const char * const priorities[] = { "low", "normal", "high", "urgent" };
static const guint priority_weights[] = { 15, 55, 22, 8 };

static const CaseKind *
pick_case_kind (Rng      *rng,
                gboolean  with_order)
{
  guint total = 0, r;

  for (guint i = 0; i < G_N_ELEMENTS (case_kinds); i++)
    if (with_order || !case_kinds[i].needs_order)
      total += case_kinds[i].weight;
  r = rng_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (case_kinds); i++)
    {
      if (!with_order && case_kinds[i].needs_order)
        continue;
      if (r < case_kinds[i].weight)
        return &case_kinds[i];
      r -= case_kinds[i].weight;
    }
  g_assert_not_reached ();
}

static gboolean
write_note (Demo         *demo,
            Rng          *rng,
            const char   *case_id,
            const char   *author,
            gboolean      customer_visible,
            const char   *body,
            gint64        at,
            GError      **error)
{
  g_autoptr(JsonObject) doc = NULL;
  char uuid[37], id[48];

  rng_uuid (rng, uuid);
  g_snprintf (id, sizeof id, "case_note:%s", uuid);
  doc = new_doc (id, "case_note");
  json_object_set_string_member (doc, "case_id", case_id);
  json_object_set_string_member (doc, "author", author);
  json_object_set_string_member (doc, "visibility", customer_visible ? "customer" : "internal");
  json_object_set_string_member (doc, "body", body);
  set_time (doc, "created_at", at);
  return put (demo, doc, &demo->counts.notes, error);
}

static const char *
internal_note (Rng *rng)
{
  /* Staff are Korean; a few write their notes in English. */
  return rng_chance (rng, 850) ? PICK (rng, internal_notes_ko) : PICK (rng, internal_notes_en);
}

/* A case written directly in its final state, as a new document: a fresh
 * document has no previous revision, so the workflow is not replayed, but
 * its times tell the same story (created → first response → pause or
 * escalation → resolution → closing) and never run past now. */
static gboolean
write_case (Demo            *demo,
            Rng             *rng,
            const Person    *person,
            const OrderInfo *orders,
            guint            n_orders,
            GError         **error)
{
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *description = NULL;
  JsonObject *sla;
  const CaseKind *kind;
  const OrderInfo *order = NULL;
  const Product *product;
  const char *status, *channel, *priority, *created_by, *assignee = NULL, *responder = NULL;
  char uuid[37], id[48], number[96];
  guint status_index, linkable = 0;
  gint64 first_min = 0, resolution_min = 0;
  gint64 t0, newest, oldest, first_response = 0, paused_at = 0, resolved_at = 0;
  gint64 paused_total = 0, updated, reopened = 0;
  const OrderInfo *candidates[4];

  if (demo->cases_made < G_N_ELEMENTS (case_statuses))
    status_index = (guint) demo->cases_made;
  else
    status_index = rng_weighted (rng, case_status_weights, G_N_ELEMENTS (case_statuses), 100);
  demo->cases_made++;
  status = case_statuses[status_index];
  newest = demo->clock.now - case_window_newest[status_index];
  oldest = demo->clock.now - case_window_oldest[status_index];

  /* Only an order placed before the case can be its subject. */
  for (guint i = 0; i < n_orders; i++)
    if (orders[i].created + HOUR <= newest)
      candidates[linkable++] = &orders[i];
  kind = pick_case_kind (rng, linkable > 0);
  if (kind->needs_order)
    {
      order = candidates[rng_below (rng, linkable)];
      product = order->product;
    }
  else
    product = &PICK (rng, products);

  t0 = rng_between (rng, MAX (oldest, person->created + HOUR), newest);
  if (order != NULL)
    t0 = MAX (t0, order->created + HOUR);
  t0 = MIN (t0, newest);

  channel = case_channels[rng_weighted (rng, case_channel_weights, G_N_ELEMENTS (case_channels), 100)];
  priority = priorities[rng_weighted (rng, priority_weights, G_N_ELEMENTS (priorities), 100)];
  created_by = g_str_equal (channel, "kiosk") ? demo->kiosk_id : demo_staff (demo, rng);
  cg_case_default_sla (priority, &first_min, &resolution_min);

  rng_uuid (rng, uuid);
  g_snprintf (id, sizeof id, "case:%s", uuid);
  g_snprintf (number, sizeof number, "%s-%s-%06" G_GINT64_FORMAT,
              demo->store_id, demo->prefix, ++demo->last_case);
  subject = expand_product (person->korean ? kind->subject_ko : kind->subject_en,
                            product_name (product, person->korean));
  {
    g_autofree char *name = g_strdup (product_name (product, person->korean));
    if (!person->korean)
      name[0] = g_ascii_tolower (name[0]);   /* in running text */
    description = expand_product (person->korean ? kind->description_ko : kind->description_en, name);
  }

  /* The story, in order. */
  updated = t0;
  if (status_index > 0)
    {
      /* Most answers come within the target; some breach it. */
      first_response = within (t0 + first_min * MINUTE * rng_between (rng, 10, 130) / 100,
                               t0 + MINUTE, demo->clock.now - MINUTE);
      updated = first_response;
      assignee = responder = demo_staff (demo, rng);
      if (status_index != 1 && rng_chance (rng, 300))
        paused_total = rng_between (rng, HOUR, 2 * DAY);   /* waited on the customer before */
      if (g_str_equal (status, "open") && rng_chance (rng, 50))
        reopened = 1;
    }
  if (g_str_equal (status, "pending_customer") || g_str_equal (status, "escalated"))
    {
      gint64 at = within (first_response + rng_between (rng, 10 * MINUTE, DAY),
                          first_response + MINUTE, demo->clock.now - MINUTE);
      if (g_str_equal (status, "pending_customer"))
        paused_at = at;
      else
        assignee = demo_supervisor (demo, rng);
      updated = at;
    }
  if (status_index >= 4)
    {
      resolved_at = within (first_response + paused_total +
                              rng_between (rng, 10 * MINUTE, resolution_min * MINUTE * 6 / 5),
                            first_response + MINUTE, newest);
      updated = resolved_at;
      if (rng_chance (rng, 50))
        reopened = 1;
    }
  if (g_str_equal (status, "closed"))
    updated = within (resolved_at + rng_between (rng, DAY, 3 * DAY),
                      resolved_at + MINUTE, demo->clock.now - MINUTE);

  doc = new_doc (id, "case");
  json_object_set_string_member (doc, "number", number);
  json_object_set_string_member (doc, "customer_id", person->id);
  if (order != NULL)
    json_object_set_string_member (doc, "order_id", order->id);
  json_object_set_string_member (doc, "store_id", demo->store_id);
  json_object_set_string_member (doc, "channel", channel);
  if (g_str_equal (channel, "kiosk"))
    {
      guint64 bits = uuid_bits (uuid);

      json_object_set_string_member (doc, "language", person->korean ? "ko" : "en");
      /* Two in three kiosk problems were offered answers first; none
       * helped, or there would be no case. */
      if (bits % 3 != 0)
        {
          JsonObject *self_service = json_object_new ();
          char second[64];

          json_object_set_array_member (self_service, "offered",
                                        offered_articles (person->korean, bits, second));
          json_object_set_boolean_member (self_service, "helped", FALSE);
          json_object_set_object_member (doc, "self_service", self_service);
        }
    }
  json_object_set_string_member (doc, "category", kind->category);
  json_object_set_string_member (doc, "subject", subject);
  json_object_set_string_member (doc, "description", description);
  json_object_set_string_member (doc, "priority", priority);
  json_object_set_string_member (doc, "status", status);
  if (assignee != NULL)
    json_object_set_string_member (doc, "assignee", assignee);

  sla = json_object_new ();
  json_object_set_string_member (sla, "policy", priority);
  set_time (sla, "first_response_due", t0 + first_min * MINUTE);
  set_time (sla, "resolution_due", t0 + resolution_min * MINUTE);
  if (paused_at != 0)
    set_time (sla, "paused_at", paused_at);
  json_object_set_int_member (sla, "paused_total_s", paused_total);
  json_object_set_object_member (doc, "sla", sla);

  if (first_response != 0)
    set_time (doc, "first_response_at", first_response);
  if (resolved_at != 0)
    {
      set_time (doc, "resolved_at", resolved_at);
      json_object_set_string_member (doc, "resolution",
                                     person->korean ? kind->resolution_ko : kind->resolution_en);
    }
  json_object_set_int_member (doc, "reopened_count", reopened);
  json_object_set_string_member (doc, "created_by", created_by);
  set_time (doc, "created_at", t0);
  set_time (doc, "updated_at", updated);

  if (!put (demo, doc, &demo->counts.cases, error))
    return FALSE;

  /* One to three notes. The first customer-visible note is the first
   * response; a waiting case ends with a question to the customer, a
   * resolved one with the answer. */
  if (status_index == 0)
    return write_note (demo, rng, id, g_str_equal (created_by, demo->kiosk_id) ? demo_staff (demo, rng) : created_by,
                       FALSE, PICK (rng, new_case_notes_ko),
                       within (t0 + rng_between (rng, MINUTE, 30 * MINUTE), t0, demo->clock.now), error);

  if (!write_note (demo, rng, id, responder, TRUE,
                   person->korean ? PICK (rng, first_reply_ko) : PICK (rng, first_reply_en),
                   first_response, error))
    return FALSE;
  if (rng_chance (rng, 600) &&
      !write_note (demo, rng, id, assignee, FALSE, internal_note (rng),
                   rng_between (rng, first_response, updated), error))
    return FALSE;
  if (paused_at != 0 && rng_chance (rng, 800) &&
      !write_note (demo, rng, id, assignee, TRUE,
                   person->korean ? PICK (rng, ask_customer_ko) : PICK (rng, ask_customer_en),
                   paused_at, error))
    return FALSE;
  if (resolved_at != 0 && rng_chance (rng, 700) &&
      !write_note (demo, rng, id, assignee, TRUE,
                   person->korean ? PICK (rng, resolved_reply_ko) : PICK (rng, resolved_reply_en),
                   resolved_at, error))
    return FALSE;

  /* A satisfaction survey follows a resolution by text message. */
  if (resolved_at != 0 && rng_chance (rng, 350))
    return write_feedback (demo, rng, person, id, NULL, "sms",
                           resolved_at + rng_between (rng, HOUR, 2 * DAY), error);
  return TRUE;
}

/* ----------------------------------------------------------------- checkin */

static const char * const checkin_reasons[] = { "help", "pickup", "return", "other" };
static const guint checkin_reason_weights[] = { 45, 30, 15, 10 };

typedef enum {
  VISIT_PAST,
  VISIT_TODAY,
} VisitKind;

/* One visit to the counter. Past visits ended (done or no-show); today's
 * make the current queue: the newest tickets wait, a couple have been
 * called, one is being served, the earlier ones are done. @queue_position
 * counts back from the newest of today's tickets. */
static gboolean
write_checkin (Demo            *demo,
               Rng             *rng,
               const Person    *person,
               gboolean         anonymous,
               const OrderInfo *orders,
               guint            n_orders,
               VisitKind        kind,
               guint            queue_position,
               GError         **error)
{
  g_autoptr(JsonObject) doc = NULL;
  const OrderInfo *order = NULL;
  const char *reason, *status;
  char uuid[37], id[48], ticket[16];
  gint64 created, called = 0, done = 0, day = 0;
  const char *served_by = NULL;

  reason = checkin_reasons[rng_weighted (rng, checkin_reason_weights, G_N_ELEMENTS (checkin_reasons), 100)];
  if (kind == VISIT_TODAY)
    {
      created = demo->clock.now - (gint64) (queue_position + 1) * 7 * MINUTE + rng_between (rng, 0, 3 * MINUTE);
      /* Someone whose order is ready has come for it. */
      for (guint i = 0; !anonymous && i < n_orders; i++)
        if (g_str_equal (orders[i].status, "ready_for_pickup"))
          order = &orders[i];
      if (order != NULL)
        reason = "pickup";
    }
  else
    {
      day = rng_between (rng, 1, days_ago (demo, person->created) - 1);
      created = visit_time (demo, rng, day);
      if (g_str_equal (reason, "pickup"))
        {
          /* A pickup visit is the handing over of one of their orders. */
          for (guint i = 0; i < n_orders; i++)
            if (orders[i].online && orders[i].picked_up != 0)
              order = &orders[i];
          if (order != NULL)
            {
              created = order->picked_up - rng_between (rng, 5 * MINUTE, 20 * MINUTE);
              day = days_ago (demo, created);
            }
          else
            reason = "help";
        }
    }
  day = CLAMP (day, 0, HISTORY_DAYS);

  if (kind == VISIT_TODAY && queue_position < 6)
    status = "waiting";
  else if (kind == VISIT_TODAY && queue_position < 8)
    status = "called";
  else if (kind == VISIT_TODAY && queue_position == 8)
    status = "serving";
  else
    status = rng_chance (rng, 870) ? "done" : "no_show";

  if (!g_str_equal (status, "waiting"))
    called = within (created + rng_between (rng, 2 * MINUTE, 25 * MINUTE), created, demo->clock.now);
  if (g_str_equal (status, "serving") || g_str_equal (status, "done"))
    served_by = demo_staff (demo, rng);
  if (g_str_equal (status, "done"))
    done = within (called + rng_between (rng, 3 * MINUTE, 20 * MINUTE), called, demo->clock.now);

  rng_uuid (rng, uuid);
  g_snprintf (id, sizeof id, "checkin:%s", uuid);
  /* Tickets come from the kiosk (prefix K1), numbered per day. */
  g_snprintf (ticket, sizeof ticket, "K1-%03u", ++demo->tickets[day]);

  doc = new_doc (id, "checkin");
  json_object_set_string_member (doc, "ticket", ticket);
  json_object_set_string_member (doc, "store_id", demo->store_id);
  json_object_set_string_member (doc, "reason", reason);
  if (!anonymous)
    json_object_set_string_member (doc, "customer_id", person->id);
  if (order != NULL)
    json_object_set_string_member (doc, "order_number", order->number);
  /* The kiosk shows a first name or initials, never a full name. */
  if (anonymous)
    json_object_set_string_member (doc, "display_name", PICK (rng, popular_given_names));
  else if (rng_chance (rng, 800))
    json_object_set_string_member (doc, "display_name", person->given);
  json_object_set_string_member (doc, "status", status);
  json_object_set_string_member (doc, "channel", "kiosk");
  set_time (doc, "created_at", created);
  if (called != 0)
    set_time (doc, "called_at", called);
  if (served_by != NULL)
    json_object_set_string_member (doc, "served_by", served_by);
  if (done != 0)
    set_time (doc, "done_at", done);

  if (!put (demo, doc, &demo->counts.checkins, error))
    return FALSE;

  /* One visitor in eight first found an answer at the kiosk. */
  if (uuid_bits (uuid) % 8 == 1 &&
      !write_helped (demo, person->korean, uuid, created - (gint64) (2 + uuid_bits (uuid) % 10) * MINUTE, error))
    return FALSE;

  /* The kiosk asks how the visit went. */
  if (!anonymous && done != 0 && rng_chance (rng, 250))
    return write_feedback (demo, rng, person, NULL, id, "kiosk",
                           done + rng_between (rng, MINUTE, 10 * MINUTE), error);
  return TRUE;
}

/* ----------------------------------------------------------------- article */

static gboolean
write_article (Demo                *demo,
               guint                serial,
               const char          *slug,
               const char          *locale,
               const char          *category,
               const char          *title,
               const char          *body,
               const char * const  *tags,
               GError             **error)
{
  g_autofree char *id = g_strconcat ("article:", slug, NULL);
  g_auto(GStrv) existing = cg_store_get_leaves (demo->store, id, FALSE);
  g_autoptr(JsonObject) doc = NULL;
  JsonArray *tag_array = json_array_new ();
  Rng rng;

  /* A store that is appended to keeps its articles (and their edits). */
  if (existing != NULL && existing[0] != NULL)
    {
      json_array_unref (tag_array);
      return TRUE;
    }

  /* Streams from the top of the index space, far from the customers'. */
  rng_init (&rng, demo->seed, G_MAXUINT64 - 1 - serial);
  doc = new_doc (id, "article");
  json_object_set_string_member (doc, "title", title);
  json_object_set_string_member (doc, "body", body);
  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_string_element (tag_array, tags[i]);
  json_object_set_array_member (doc, "tags", tag_array);
  json_object_set_string_member (doc, "locale", locale);
  json_object_set_string_member (doc, "category", category);
  json_object_set_boolean_member (doc, "published", TRUE);
  set_time (doc, "updated_at", demo->clock.now - rng_between (&rng, DAY, 400 * DAY));
  return put (demo, doc, &demo->counts.articles, error);
}

/* About a hundred articles per language: every topic for every product
 * category, and the topics about the store itself. */
static gboolean
write_articles (Demo    *demo,
                GError **error)
{
  guint serial = 0;

  if (!cg_store_begin (demo->store, error))
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (category_topics); t++)
    for (guint c = 0; c < G_N_ELEMENTS (product_categories); c++)
      for (guint l = 0; l < 2; l++)
        {
          const Topic *topic = &category_topics[t];
          const ProductCategory *category = &product_categories[c];
          gboolean korean = l == 0;
          g_autofree char *slug = g_strdup_printf ("%s-%s-%s", topic->slug, category->slug,
                                                   korean ? "ko" : "en");
          g_autofree char *title = expand_topic (korean ? topic->title_ko : topic->title_en,
                                                 category, korean);
          g_autofree char *body = expand_topic (korean ? topic->body_ko : topic->body_en,
                                                category, korean);
          const char *tags[] = { korean ? topic->tag_ko : topic->tag_en,
                                 korean ? category->ko : category->slug, NULL };

          if (!write_article (demo, serial++, slug, korean ? "ko" : "en", topic->category,
                              title, body, tags, error))
            goto fail;
        }

  for (guint a = 0; a < G_N_ELEMENTS (general_articles); a++)
    for (guint l = 0; l < 2; l++)
      {
        const GeneralArticle *article = &general_articles[a];
        gboolean korean = l == 0;
        g_autofree char *slug = g_strdup_printf ("%s-%s", article->slug, korean ? "ko" : "en");
        g_auto(GStrv) tags = g_strsplit (korean ? article->tags_ko : article->tags_en, " ", -1);

        if (!write_article (demo, serial++, slug, korean ? "ko" : "en", article->category,
                            korean ? article->title_ko : article->title_en,
                            korean ? article->body_ko : article->body_en,
                            (const char * const *) tags, error))
          goto fail;
      }

  return cg_store_commit (demo->store, error);

fail:
  cg_store_rollback (demo->store);
  return FALSE;
}

/* ---------------------------------------------------------------- customers */

/* Everything about customer @index: profile, orders, cases with notes,
 * visits and feedback, all from the customer's own random stream. @position
 * is the customer's place in this run, which decides today's queue. */
static gboolean
write_customer_documents (Demo     *demo,
                          guint64   index,
                          guint64   position,
                          GError  **error)
{
  static const guint n_cases_weights[] = { 50, 33, 17 };
  OrderInfo orders[3];
  guint n_orders, r;
  Person person;
  Rng rng;

  rng_init (&rng, demo->seed, index);
  make_person (demo, &rng, index, &person);
  if (!write_customer (demo, &rng, &person, error))
    return FALSE;

  /* 0–3 orders, about one per customer. */
  r = rng_below (&rng, 100);
  n_orders = r < 37 ? 0 : r < 72 ? 1 : r < 92 ? 2 : 3;
  for (guint i = 0; i < n_orders; i++)
    if (!write_order (demo, &rng, &person, &orders[i], error))
      return FALSE;

  /* Three customers in ten have contacted customer service, some of them
   * more than once: half a case per customer. */
  if (rng_chance (&rng, 300))
    {
      guint n_cases = 1 + rng_weighted (&rng, n_cases_weights, 3, 100);
      for (guint i = 0; i < n_cases; i++)
        if (!write_case (demo, &rng, &person, orders, n_orders, error))
          return FALSE;
    }

  /* Today's queue: spread over the run, so small and large stores get one. */
  if (demo->today_count > 0 && position % demo->today_every == demo->today_every / 2)
    {
      guint64 slot = position / demo->today_every;
      if (slot < demo->today_count &&
          !write_checkin (demo, &rng, &person, slot % 4 == 3, orders, n_orders, VISIT_TODAY,
                          (guint) (demo->today_count - 1 - slot), error))
        return FALSE;
    }

  if (rng_chance (&rng, 150) &&
      !write_checkin (demo, &rng, &person, FALSE, orders, n_orders, VISIT_PAST, 0, error))
    return FALSE;
  if (rng_chance (&rng, 30) &&
      !write_checkin (demo, &rng, &person, FALSE, orders, n_orders, VISIT_PAST, 0, error))
    return FALSE;
  return TRUE;
}

static gint64
meta_int (CgStore    *store,
          const char *key,
          gint64      fallback)
{
  g_autofree char *value = cg_store_get_meta (store, key);
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &n, NULL))
    return fallback;
  return n;
}

static gboolean
set_meta_int (CgStore     *store,
              const char  *key,
              gint64       value,
              GError     **error)
{
  char text[32];
  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  return cg_store_set_meta (store, key, text, error);
}

static char *
today_tickets_key (Demo *demo)
{
  char buf[24];
  format_time (demo->clock.today + KST_OFFSET, buf);
  buf[10] = '\0';
  return g_strconcat ("demo:tickets:", buf, NULL);
}

/* Where the next run continues, in the same transaction as the batch. The
 * case counter is the device's own, so cases opened in the app afterwards
 * get the next numbers. */
static gboolean
save_position (Demo     *demo,
               guint64   next_index,
               GError  **error)
{
  g_autofree char *tickets_key = today_tickets_key (demo);

  return set_meta_int (demo->store, "demo:next_customer", (gint64) next_index, error) &&
         set_meta_int (demo->store, "demo:next_order", demo->next_order, error) &&
         set_meta_int (demo->store, "counter:case", demo->last_case, error) &&
         set_meta_int (demo->store, tickets_key, demo->tickets[0], error);
}

static void
demo_free (Demo *demo)
{
  g_free (demo->store_id);
  g_free (demo->prefix);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

gboolean
cg_demo_generate (CgStore             *store,
                  const CgDemoOptions *options,
                  CgDemoProgressFunc   progress,
                  gpointer             user_data,
                  GCancellable        *cancellable,
                  CgDemoCounts        *counts,
                  GError             **error)
{
  g_autoptr(Demo) demo = NULL;
  g_autofree char *store_id = NULL;
  g_autofree char *tickets_key = NULL;
  gboolean ok = FALSE;
  guint64 done = 0;
  Rng rng;

  g_return_val_if_fail (CG_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);

  demo = g_new0 (Demo, 1);
  demo->store = store;
  demo->seed = options->seed;
  demo->total = options->customers;
  if (!clock_init (&demo->clock, error))
    return FALSE;

  /* A demo store is store 0421's first counter, unless it already is some
   * device. */
  store_id = cg_store_get_meta (store, "store_id");
  if (store_id == NULL && !cg_device_set_identity (store, "0421", "C1", "counter", error))
    return FALSE;
  demo->store_id = cg_device_get_store_id (store);
  demo->prefix = cg_device_get_prefix (store);
  for (guint i = 0; i < N_STAFF; i++)
    g_snprintf (demo->staff[i], sizeof demo->staff[i], "staff:%s-%02u", demo->store_id, i + 1);
  rng_init (&rng, demo->seed, G_MAXUINT64);
  rng_uuid (&rng, demo->kiosk_id);

  /* Continue where an earlier run stopped, so that appended customers get
   * new phones, e-mails and numbers. */
  demo->first_index = (guint64) meta_int (store, "demo:next_customer", 0);
  if (demo->first_index + demo->total > MAX_CUSTOMERS)
    {
      /* The count as text: xgettext cannot read G_GUINT64_FORMAT. */
      g_autofree char *would_have = g_strdup_printf ("%" G_GUINT64_FORMAT, demo->first_index + demo->total);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("A demo store holds at most %u customers (one Korean mobile number each); this one would have %s."),
                   MAX_CUSTOMERS, would_have);
      return FALSE;
    }
  demo->next_order = meta_int (store, "demo:next_order", FIRST_ORDER_NUMBER);
  demo->last_case = meta_int (store, "counter:case", 0);
  tickets_key = today_tickets_key (demo);
  demo->tickets[0] = (guint) meta_int (store, tickets_key, 0);

  if (demo->total > 0)
    {
      demo->today_count = (guint) CLAMP (demo->total / 8, 1, MAX_TODAY_CHECKINS);
      demo->today_every = (guint) MAX (demo->total / demo->today_count, 1);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (options->articles && !write_articles (demo, error))
    goto out;
  if (!write_staff (demo, error))
    goto out;

  if (progress != NULL)
    progress (0, demo->total, user_data);

  while (done < demo->total)
    {
      guint64 n = MIN (BATCH_CUSTOMERS, demo->total - done);
      CgDemoCounts before = demo->counts;

      if (!cg_store_begin (store, error))
        goto out;
      for (guint64 k = 0; k < n; k++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              !write_customer_documents (demo, demo->first_index + done + k, done + k, error))
            {
              cg_store_rollback (store);
              demo->counts = before;   /* nothing of this batch was written */
              goto out;
            }
        }
      if (!save_position (demo, demo->first_index + done + n, error) ||
          !cg_store_commit (store, error))
        {
          cg_store_rollback (store);
          demo->counts = before;
          goto out;
        }
      done += n;
      if (progress != NULL)
        progress (done, demo->total, user_data);
    }
  ok = TRUE;

out:
  if (counts != NULL)
    *counts = demo->counts;
  return ok;
}
