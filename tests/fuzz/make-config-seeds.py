#!/usr/bin/env python3
# make-config-seeds.py — writes the signed seeds of corpus/config/ (a signed
# document cannot be edited by hand). The key fuzz-k1 is the one
# fuzz-config.c trusts: Ed25519 from the seed 32 × 0x43; fuzz-k2 from 32 × 0x44.
# Needs python3-cryptography (Debian), only to regenerate the seeds.
import json, os, base64
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
OUT=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')
def w(target, name, data):
    os.makedirs(os.path.join(OUT,target), exist_ok=True)
    if isinstance(data,str): data=data.encode()
    open(os.path.join(OUT,target,name),'wb').write(data)
def key(seedbyte):
    sk=Ed25519PrivateKey.from_private_bytes(bytes([seedbyte])*32)
    pk=sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return sk, base64.b64encode(pk).decode()
K1, K1PUB = key(0x43)   # the key fuzz-config trusts ("fuzz-k1")
K2, K2PUB = key(0x44)
def canon(o):  # JCS for documents of strings, integers, bools and objects/arrays
    return json.dumps(o, ensure_ascii=False, sort_keys=True, separators=(',',':'))
def doc(scope, version, settings):
    return {"_id":"config:"+scope,"type":"config","scope":scope,"version":version,
            "issued_at":"2026-11-22T09:00:00Z","settings":settings}
def sign(d, kid, sk):
    d=dict(d); d['key_id']=kid
    body={k:v for k,v in d.items() if k not in ('_id','_rev','_revisions','signature')}
    d['signature']=base64.b64encode(sk.sign(canon(body).encode())).decode()
    return d
J=lambda o: json.dumps(o, ensure_ascii=False, indent=1)
DEV="device:6f1c0000-0000-4000-8000-000000000001"
full={"sync":{"interval_s":60,"backoff_max_s":300,"batch_size":500,"live":True},
      "kiosk":{"idle_timeout_s":60,"idle_warning_s":20,"features":["checkin","pickup","faq","report_problem","feedback"],"languages":["ko","en"]},
      "sla":{"urgent":{"first_response_min":15,"resolution_min":240}},
      "business_hours":{"tz":"Asia/Seoul","mon":["10:00","22:00"]},
      "categories":[{"id":"return","label":{"ko":"반품","en":"Return"}}],
      "retention":{"closed_case_days":180,"checkin_days":30},
      "counter":{"lock_timeout_s":300}}
# raw mode ('0'): documents as pulled, signed (or not) by the admin
w('config','signed-store.json','0'+J(sign(doc("store:0421",3,{"sync":{"interval_s":60}}),"fuzz-k1",K1)))
w('config','signed-global-full.json','0'+J(sign(doc("global",1,full),"fuzz-k1",K1)))
w('config','rotation.json','0'+J([sign(doc("global",1,{"trusted_keys":[{"key_id":"fuzz-k2","public_key":K2PUB}]}),"fuzz-k1",K1),
                                  sign(doc("store:0421",1,{"sync":{"interval_s":30}}),"fuzz-k2",K2),
                                  sign(doc("global",2,{"trusted_keys":[{"key_id":"fuzz-k2","public_key":K2PUB}],"revoked_keys":["fuzz-k1"]}),"fuzz-k1",K1),
                                  sign(doc(DEV,1,{}),"fuzz-k1",K1)]))
w('config','forged.json','0'+J(sign(doc("store:0421",3,{"sync":{"interval_s":60}}),"fuzz-k1",K2)))
w('config','tampered.json','0'+J(dict(sign(doc("store:0421",3,{"sync":{"interval_s":60}}),"fuzz-k1",K1), version=4)))
w('config','unknown-key.json','0'+J(sign(doc("global",1,{}),"nobody",K2)))
# sign mode ('1'): the harness signs with fuzz-k1, so settings are what is checked
w('config','sign-full.json','1'+J(doc("store:0421",2,full)))
w('config','sign-region.json','1'+J([doc("region:seoul",1,{"kiosk":{"idle_timeout_s":5}}), doc("global",1,{"categories":[{"id":"x"}]})]))
w('config','sign-keys.json','1'+J(doc("global",1,{"trusted_keys":[{"key_id":"fuzz-k1","public_key":K2PUB}],"revoked_keys":["fuzz-k1",7]})))
